import sc.fiji.convnet.engine.kernels.*;
public class Multi {
  public static void main(String[] a) {
    int threads = Integer.parseInt(a[0]);
    int[][] shapes = {{32, 512, 512, 32}, {64, 256, 256, 64}, {1, 2048, 2048, 16}, {32, 512, 512, 32}};
    for (int[] s : shapes) {
      ConvGeometry g = new ConvGeometry(1, s[0], s[1], s[2], s[3], 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
      java.util.Random r = new java.util.Random(1);
      float[] x = new float[(int) g.inputSize()], w = new float[(int) g.weightSize()], b = new float[g.cout], y = new float[(int) g.outputSize()];
      for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
      for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
      ConvKernels k = Kernels.scalar();
      double best = 0;
      for (int round = 0; round < 6; round++) {
        long t = System.nanoTime();
        k.forward(g, x, w, b, y, threads);
        best = Math.max(best, 2.0 * g.macs() / (System.nanoTime() - t));
      }
      System.out.printf("%dx%dx%d->%d: %.1f  ", s[0], s[1], s[2], s[3], best);
    }
    System.out.println();
  }
}
