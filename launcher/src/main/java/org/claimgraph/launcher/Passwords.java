package org.claimgraph.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.FileUserRepository;

/** The password of user neo4j on disk: generated once, kept in {@code <data-dir>/password} (mode 600). */
final class Passwords {
    static final String USER = "neo4j";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    /** 24 url-safe characters (144 random bits). */
    static String generate() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored password, or null when the file is missing or empty. Tightens its mode to 600. */
    static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return null;
        tightenPermissions(file);
        String s = Files.readString(file, StandardCharsets.UTF_8);
        while (s.endsWith("\n") || s.endsWith("\r")) s = s.substring(0, s.length() - 1);
        return s.isEmpty() ? null : s;
    }

    /** Writes the file atomically (temp file created with mode 600, then renamed); no-op if unchanged. */
    static void write(Path file, String password) throws IOException {
        if (password.equals(read(file))) return;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        tightenPermissions(file);
    }

    /**
     * Like {@code neo4j-admin dbms set-initial-password}: the system database takes the user from
     * this auth.ini when it is created, so the default neo4j/neo4j account never exists.
     */
    static void writeInitialUser(Path authIni, String password) throws Exception {
        Files.createDirectories(authIni.getParent());
        Files.deleteIfExists(authIni);
        try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            FileUserRepository repo = new FileUserRepository(fs, authIni, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            repo.start();
            try {
                SystemGraphCredential credential = SystemGraphCredential.createCredentialForPassword(
                        password.getBytes(StandardCharsets.UTF_8), new SecureHasher());
                repo.create(new User(USER, null, credential, false, false));
            } finally {
                repo.shutdown();
            }
        }
        Files.setPosixFilePermissions(authIni, OWNER_ONLY);
    }

    private static void tightenPermissions(Path file) throws IOException {
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
}
