package sc.fiji.convnet.ij;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A PrintStream whose lines go to a consumer (ImageJ's Log window, a SciJava log service). */
public final class LogLines extends OutputStream {

	private final Consumer<String> sink;
	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private LogLines(Consumer<String> sink) { this.sink = sink; }

	public static PrintStream to(Consumer<String> sink) {
		return new PrintStream(new LogLines(sink), true, StandardCharsets.UTF_8);
	}

	@Override
	public synchronized void write(int b) {
		if (b == '\n') {
			sink.accept(line.toString(StandardCharsets.UTF_8));
			line.reset();
		} else if (b != '\r') line.write(b);
	}
}
