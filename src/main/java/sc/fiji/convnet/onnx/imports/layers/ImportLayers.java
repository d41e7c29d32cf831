package sc.fiji.convnet.onnx.imports.layers;

import sc.fiji.convnet.engine.LayerRegistry;

/** Registers the import layers with {@link LayerRegistry}, so that imported networks can be saved, loaded and copied. */
public final class ImportLayers {

	private static boolean done;

	private ImportLayers() {}

	public static synchronized void register() {
		if (done) return;
		LayerRegistry.register("OnnxView", sc.fiji.convnet.engine.layers.Reshape::viewFromConfig); // imported before View joined Reshape
		LayerRegistry.register("OnnxPermute", Permute::fromConfig);
		LayerRegistry.register("OnnxSlice", Slice::fromConfig);
		// networks imported before the engine Softmax took an axis
		LayerRegistry.register("OnnxAxisSoftmax", o -> sc.fiji.convnet.engine.layers.Softmax.fromConfig(o, o.get("log").getAsBoolean()));
		LayerRegistry.register("OnnxPad", Pad::fromConfig);
		LayerRegistry.register("OnnxPool2d", Pool2d::fromConfig);
		LayerRegistry.register("OnnxConv3d", Conv3d::fromConfig);
		LayerRegistry.register("OnnxLookup", Lookup::fromConfig);
		LayerRegistry.register("OnnxPool3d", Pool3d::fromConfig);
		LayerRegistry.register("OnnxUnary", UnaryMath::fromConfig);
		LayerRegistry.register("OnnxBinary", BroadcastBinary::fromConfig);
		LayerRegistry.register("OnnxConstantArithmetic", ConstantArithmetic::fromConfig);
		LayerRegistry.register("OnnxMatMul", MatMul::fromConfig);
		LayerRegistry.register("OnnxReduce", Reduce::fromConfig);
		LayerRegistry.register("OnnxTile", Tile::fromConfig);
		done = true;
	}
}
