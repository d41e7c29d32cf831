package sc.fiji.convnet.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes one compiled class refers to, read from its constant pool: class entries and every type
 * named in a descriptor or generic signature. This sees fully qualified uses too, which an import scan
 * would miss, and needs no bytecode library.
 */
final class ClassReferences {

	private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

	private ClassReferences() {}

	/** Binary names with dots (e.g. {@code ij.ImagePlus}) of the classes {@code classFile} refers to. */
	static Set<String> of(InputStream classFile) throws IOException {
		DataInputStream in = new DataInputStream(classFile);
		if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
		in.readUnsignedShort();
		in.readUnsignedShort();
		int count = in.readUnsignedShort();
		String[] utf8 = new String[count];
		int[] classNameIndex = new int[count];
		for (int i = 1; i < count; i++) {
			int tag = in.readUnsignedByte();
			switch (tag) {
				case 1 -> utf8[i] = in.readUTF();
				case 7 -> classNameIndex[i] = in.readUnsignedShort();
				case 8, 16, 19, 20 -> in.readUnsignedShort();
				case 15 -> { in.readUnsignedByte(); in.readUnsignedShort(); }
				case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
				case 5, 6 -> { in.readLong(); i++; }
				default -> throw new IOException("unknown constant pool tag " + tag);
			}
		}
		Set<String> names = new TreeSet<>();
		for (int i = 1; i < count; i++) {
			if (classNameIndex[i] != 0) addClassEntry(utf8[classNameIndex[i]], names);
			else if (utf8[i] != null) addDescriptorTypes(utf8[i], names);
		}
		return names;
	}

	private static void addClassEntry(String internalName, Set<String> names) {
		if (internalName.startsWith("[")) addDescriptorTypes(internalName, names);
		else names.add(internalName.replace('/', '.'));
	}

	private static void addDescriptorTypes(String text, Set<String> names) {
		Matcher m = TYPE_IN_DESCRIPTOR.matcher(text);
		while (m.find()) {
			if (m.group(1).contains("/")) names.add(m.group(1).replace('/', '.'));
		}
	}
}
