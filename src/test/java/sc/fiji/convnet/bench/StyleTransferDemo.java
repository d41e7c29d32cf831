package sc.fiji.convnet.bench;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.ij.NetworkPictures;
import sc.fiji.convnet.predict.Progress;

/**
 * Style transfer with chosen settings on two image files, the result written as PNG (for picking defaults by eye):
 * <pre>
 * java -cp ... sc.fiji.convnet.bench.StyleTransferDemo CONTENT STYLE OUT.png [contentLayer] [gram] [alpha] [beta] [iterations] [lr] [width]  (-Dst.gamma=10 smoothness, -Dst.noise=true, -Dst.norm=0-1)
 * </pre>
 */
public final class StyleTransferDemo {
	public static void main(String[] a) throws Exception {
		ImagePlus content = IJ.openImage(a[0]), style = IJ.openImage(a[1]);
		int width = a.length > 9 ? Integer.parseInt(a[9]) : 0;
		if (width > 0) {
			content = content.resize(width, width * content.getHeight() / content.getWidth(), "bilinear average");
			style = style.resize(width, width * style.getHeight() / style.getWidth(), "bilinear average");
		}
		long t = System.nanoTime();
		ImagePlus out = NetworkPictures.styleTransfer(content, style, "bccd-classifier", a.length > 3 ? a[3] : "", a.length > 4 ? a[4] : "",
				a.length > 5 ? Double.parseDouble(a[5]) : 1, a.length > 6 ? Double.parseDouble(a[6]) : 1e5, Double.parseDouble(System.getProperty("st.gamma", "10")), a.length > 7 ? Integer.parseInt(a[7]) : 200,
				a.length > 8 ? Double.parseDouble(a[8]) : 0.02, Boolean.getBoolean("st.noise"), System.getProperty("st.norm", "0-1"), Progress.NONE);
		System.out.println(out.getProperty("Info") + " in " + (System.nanoTime() - t) / 1e9 + " s; type " + out.getType() + " " + out.getWidth() + "x" + out.getHeight() + "x" + out.getStackSize());
		java.awt.image.BufferedImage img;
		if (out.getType() == ImagePlus.COLOR_RGB) img = out.getBufferedImage();
		else {
			int w = out.getWidth(), h = out.getHeight();
			img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int rgb = 0;
					for (int c = 0; c < 3; c++) {
						float v = out.getStack().getProcessor(Math.min(c + 1, out.getStackSize())).getf(x, y);
						rgb = rgb << 8 | Math.max(0, Math.min(255, Math.round(v * 255)));
					}
					img.setRGB(x, y, rgb);
				}
		}
		javax.imageio.ImageIO.write(img, "png", new java.io.File(a[2]));
	}
}
