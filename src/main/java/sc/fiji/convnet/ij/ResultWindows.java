package sc.fiji.convnet.ij;

import ij.ImagePlus;
import ij.WindowManager;

/**
 * Result windows named predictably: a result keeps its title ("blobs-labels", "cells_dream") unless an open image
 * already has it; then it is numbered as ImageJ numbers duplicates ("cells_dream-1", "cells_dream-2", …), so a second
 * run never opens a second window of the same title and {@code selectWindow} in a macro finds the one it means.
 * The earlier windows stay as they are. (Grad-CAM's heat map overlay is replaced instead: {@link SaliencyImages}.)
 */
public final class ResultWindows {

	private ResultWindows() {}

	/** Gives {@code imp} a title no open image has (its own when free), batch-mode images of a macro included; null stays null. */
	public static ImagePlus name(ImagePlus imp) {
		if (imp != null) imp.setTitle(unique(imp.getTitle(), ResultWindows::open));
		return imp;
	}

	/** {@code title}, or the first of "title-1", "title-2", … (before a short extension, as ImageJ does) not {@code taken}. */
	static String unique(String title, java.util.function.Predicate<String> taken) {
		if (!taken.test(title)) return title;
		String stem = title, extension = "";
		int dot = title.lastIndexOf('.');
		if (dot > 0 && title.length() - dot < 6 && dot < title.length() - 1) { stem = title.substring(0, dot); extension = title.substring(dot); }
		for (int i = 1; ; i++) {
			String candidate = stem + "-" + i + extension;
			if (!taken.test(candidate)) return candidate;
		}
	}

	/** Whether an open image (a window, or a macro's batch-mode image) has this title. */
	private static boolean open(String title) {
		int[] ids = WindowManager.getIDList();
		if (ids == null) return false;
		for (int id : ids) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp != null && title.equals(imp.getTitle())) return true;
		}
		return false;
	}

	/** {@link #name} and shows it. */
	public static ImagePlus show(ImagePlus imp) {
		name(imp).show();
		return imp;
	}
}
