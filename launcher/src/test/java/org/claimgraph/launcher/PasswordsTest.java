package org.claimgraph.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordsTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void generatedPasswordsAre24UrlSafeCharactersAndDiffer() {
        String a = Passwords.generate();
        assertTrue(a.matches("[A-Za-z0-9_-]{24}"), a);
        assertNotEquals(a, Passwords.generate());
    }

    @Test
    void writeThenReadRoundTripsWithMode600AndNoTempFileLeft() throws Exception {
        Path file = tmp.resolve("password");
        Passwords.write(file, "first-password");
        assertEquals("first-password", Passwords.read(file));
        assertEquals("first-password\n", Files.readString(file));
        assertEquals("rw-------", mode(file));
        Passwords.write(file, "second-password");
        assertEquals("second-password", Passwords.read(file));
        assertFalse(Files.exists(tmp.resolve("password.tmp")));
    }

    @Test
    void readOfMissingOrEmptyFileIsNull() throws Exception {
        assertNull(Passwords.read(tmp.resolve("missing")));
        Path empty = Files.writeString(tmp.resolve("empty"), "\r\n");
        assertNull(Passwords.read(empty));
    }

    @Test
    void readTightensALooseMode() throws Exception {
        Path file = Files.writeString(tmp.resolve("password"), "hand-written-pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("hand-written-pw", Passwords.read(file));
        assertEquals("rw-------", mode(file));
    }

    @Test
    void initialUserFileIsPrivateAndHoldsNoPlainPassword() throws Exception {
        Path authIni = tmp.resolve("data/dbms/auth.ini");
        Passwords.writeInitialUser(authIni, "initial-password");
        String content = Files.readString(authIni);
        assertTrue(content.startsWith("neo4j:"), content);
        assertFalse(content.contains("initial-password"));
        assertEquals("rw-------", mode(authIni));
    }
}
