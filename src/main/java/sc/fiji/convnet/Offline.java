package sc.fiji.convnet;

/**
 * Keeps DJL from ever reaching the network: it checks for updates and downloads engines unless
 * {@code ai.djl.offline} is set before its first use. Every entry point (the facade, the commands,
 * the command line) passes through here before anything touches DJL.
 */
public final class Offline {

	private Offline() {}

	public static void ensure() {
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
	}
}
