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
	}

	private LayerRegistry() {}

	public static synchronized void register(String type, Function<JsonObject, Layer> factory) {
		FACTORIES.put(type, factory);
	}

	public static synchronized Layer create(String type, JsonObject config) {
		Function<JsonObject, Layer> f = FACTORIES.get(type);
		if (f == null) throw new IllegalArgumentException("LayerRegistry: unknown layer type '" + type + "'; known: " + FACTORIES.keySet());
		return f.apply(config);
	}
}
