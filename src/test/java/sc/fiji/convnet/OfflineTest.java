package sc.fiji.convnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * DJL must never reach the network. A fresh JVM (so that no other test has set the property) installs a
 * proxy selector that records every connection Java would open, starts DJL's ONNX Runtime engine
 * through the facade, and reports the property and the recorded addresses.
 */
class OfflineTest {

	public static void main(String[] args) {
		List<URI> attempts = new ArrayList<>();
		ProxySelector.setDefault(new ProxySelector() {
			@Override public List<Proxy> select(URI uri) { attempts.add(uri); return List.of(Proxy.NO_PROXY); }
			@Override public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
		});
		String report = ConvNet.diagnostics();
		System.out.println("offline=" + System.getProperty("ai.djl.offline"));
		System.out.println("ort=" + (report.contains("natives loaded") || report.contains("ONNX Runtime 1.")));
		System.out.println("connections=" + attempts);
	}

	@Test
	void djlNeverConnects() throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OfflineTest.class.getName())
				.redirectErrorStream(true).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe finished");
		String out = new String(p.getInputStream().readAllBytes());
		assertEquals(0, p.exitValue(), out);
		assertTrue(out.contains("offline=true"), out);
		assertTrue(out.contains("ort=true"), "ONNX Runtime started, so DJL did run: " + out);
		assertTrue(out.contains("connections=[]"), "no connection attempted: " + out);
	}
}
