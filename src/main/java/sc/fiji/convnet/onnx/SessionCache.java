package sc.fiji.convnet.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps one {@link OnnxSession} per (file, intra-op threads), so a batch over many images loads each model once.
 * The cache is bounded: past {@link #capacity()} sessions the least recently used one is closed (after the runs in
 * flight on it have finished). The cache owns its sessions: callers must not close them; {@link #close()} or
 * {@link #evict} frees them. Holders that keep a model for longer than one call take a {@link #supplier}, which
 * reopens a session that was evicted in the meantime.
 */
public final class SessionCache implements AutoCloseable {

	/** System property: how many sessions the shared cache keeps open (default {@value #DEFAULT_CAPACITY}). */
	public static final String CAPACITY_PROPERTY = "convnet.sessions";
	public static final int DEFAULT_CAPACITY = 4;

	private static final SessionCache SHARED = new SessionCache(Integer.getInteger(CAPACITY_PROPERTY, DEFAULT_CAPACITY));

	private record Key(Path file, int threads) {}

	private final int capacity;
	private final Map<Key, OnnxSession> sessions = new LinkedHashMap<>(16, 0.75f, true); // access order: eldest = least recently used

	public SessionCache() { this(DEFAULT_CAPACITY); }

	public SessionCache(int capacity) {
		if (capacity < 1) throw new IllegalArgumentException("a session cache holds at least one session, asked for " + capacity);
		this.capacity = capacity;
	}

	/** The process-wide cache that every task shares. */
	public static SessionCache shared() { return SHARED; }

	public int capacity() { return capacity; }

	public OnnxSession get(Path file, int intraOpThreads) {
		List<OnnxSession> evicted = new ArrayList<>();
		OnnxSession s;
		synchronized (this) {
			Key key = new Key(file.toAbsolutePath().normalize(), intraOpThreads);
			s = sessions.get(key);
			if (s == null || s.isClosed()) {
				s = OnnxSession.open(key.file(), intraOpThreads);
				sessions.put(key, s);
				for (Iterator<OnnxSession> it = sessions.values().iterator(); sessions.size() > capacity && it.hasNext();) {
					evicted.add(it.next());
					it.remove();
				}
			}
		}
		for (OnnxSession e : evicted) e.close(); // outside the lock: closing waits for runs in flight
		return s;
	}

	/** The cached session of this file, looked up at each call (so an evicted session is reopened). */
	public Supplier<OnnxSession> supplier(Path file, int intraOpThreads) {
		return () -> get(file, intraOpThreads);
	}

	public synchronized int size() { return sessions.size(); }

	/** Closes and forgets every session of this file (all thread counts). */
	public void evict(Path file) {
		Path p = file.toAbsolutePath().normalize();
		List<OnnxSession> gone = new ArrayList<>();
		synchronized (this) {
			for (Iterator<Map.Entry<Key, OnnxSession>> it = sessions.entrySet().iterator(); it.hasNext();) {
				Map.Entry<Key, OnnxSession> e = it.next();
				if (e.getKey().file().equals(p)) {
					gone.add(e.getValue());
					it.remove();
				}
			}
		}
		for (OnnxSession s : gone) s.close();
	}

	@Override
	public void close() {
		List<OnnxSession> all;
		synchronized (this) {
			all = new ArrayList<>(sessions.values());
			sessions.clear();
		}
		for (OnnxSession s : all) s.close();
	}
}
