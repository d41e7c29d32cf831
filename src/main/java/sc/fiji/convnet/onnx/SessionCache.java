package sc.fiji.convnet.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one {@link OnnxSession} per (file, intra-op threads), so a batch over many images loads each model once.
 * The cache owns its sessions: callers must not close them; {@link #close()} or {@link #evict} frees them.
 */
public final class SessionCache implements AutoCloseable {

	private static final SessionCache SHARED = new SessionCache();

	private record Key(Path file, int threads) {}

	private final Map<Key, OnnxSession> sessions = new LinkedHashMap<>();

	/** The process-wide cache. */
	public static SessionCache shared() { return SHARED; }

	public synchronized OnnxSession get(Path file, int intraOpThreads) {
		Key key = new Key(file.toAbsolutePath().normalize(), intraOpThreads);
		OnnxSession s = sessions.get(key);
		if (s == null || s.isClosed()) {
			s = OnnxSession.open(key.file(), intraOpThreads);
			sessions.put(key, s);
		}
		return s;
	}

	public synchronized int size() { return sessions.size(); }

	/** Closes and forgets every session of this file (all thread counts). */
	public synchronized void evict(Path file) {
		Path p = file.toAbsolutePath().normalize();
		List<Key> gone = new ArrayList<>();
		for (Key k : sessions.keySet()) if (k.file().equals(p)) gone.add(k);
		for (Key k : gone) sessions.remove(k).close();
	}

	@Override
	public synchronized void close() {
		for (OnnxSession s : sessions.values()) s.close();
		sessions.clear();
	}
}
