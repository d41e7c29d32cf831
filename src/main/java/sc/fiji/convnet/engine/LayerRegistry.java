package sc.fiji.convnet.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.layers.*;

/** Turns a saved layer description (type and config) back into a layer. */
public final class LayerRegistry {

	private static final Map<String, Function<JsonObject, Layer>> FACTORIES = new TreeMap<>();

	static {
		register("Conv2d", Conv2d::fromConfig);
		register("ConvTranspose2d", ConvTranspose2d::fromConfig);
		register("ReLU", ReLU::fromConfig);
		register("MaxPool2d", MaxPool2d::fromConfig);
		register("UpsampleNearest", UpsampleNearest::fromConfig);
		register("Concat", Concat::fromConfig);
		register("BatchNorm2d", BatchNorm2d::fromConfig);
		register("GlobalAvgPool2d", GlobalAvgPool2d::fromConfig);
		register("Activation", Activation::fromConfig);
		register("PReLU", PReLU::fromConfig);
		register("Softmax", o -> Softmax.fromConfig(o, false));
		register("LogSoftmax", o -> Softmax.fromConfig(o, true));
		register("Dropout", Dropout::fromConfig);
		register("Add", o -> Elementwise.add());
		register("Sub", o -> Elementwise.sub());
		register("Mul", o -> Elementwise.mul());
		register("Flatten", Flatten::fromConfig);
		register("Reshape", Reshape::fromConfig);
		register("View", Reshape::viewFromConfig);
		register("Linear", Linear::fromConfig);
		register("AvgPool2d", AvgPool2d::fromConfig);
		register("AdaptiveAvgPool2d", o -> { int[] s = sizeOf(o); return AdaptivePool2d.average(s[0], s[1]); });
		register("AdaptiveMaxPool2d", o -> { int[] s = sizeOf(o); return AdaptivePool2d.max(s[0], s[1]); });
		register("ChannelMaxPool", ChannelMaxPool::fromConfig);
		register("MaxUnpool2d", MaxUnpool2d::fromConfig);
		register("ResizeBilinear", ResizeBilinear::fromConfig);
		register("LocalResponseNorm", LocalResponseNorm::fromConfig);
	}

	private LayerRegistry() {}

	private static int[] sizeOf(JsonObject o) {
		com.google.gson.JsonArray a = o.getAsJsonArray("size");
		return new int[] { a.get(0).getAsInt(), a.get(1).getAsInt() };
	}

	public static synchronized void register(String type, Function<JsonObject, Layer> factory) {
		FACTORIES.put(type, factory);
	}

	public static synchronized Layer create(String type, JsonObject config) {
		Function<JsonObject, Layer> f = FACTORIES.get(type);
		if (f == null) throw new IllegalArgumentException("LayerRegistry: unknown layer type '" + type + "'; known: " + FACTORIES.keySet());
		return f.apply(config);
	}
}
