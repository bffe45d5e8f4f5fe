package jocker.unionfs;

import static jocker.linux.FileTypes.S_IFBLK;
import static jocker.linux.FileTypes.S_IFCHR;
import static jocker.linux.FileTypes.S_IFDIR;
import static jocker.linux.FileTypes.S_IFIFO;
import static jocker.linux.FileTypes.S_IFLNK;
import static jocker.linux.FileTypes.S_IFMT;
import static jocker.linux.FileTypes.S_IFREG;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import jocker.course.Exercise;
import jocker.images.Trees;
import jocker.linux.Errno;
import jocker.linux.Kernel;
import jocker.linux.LibC;
import jocker.linux.SyscallException;
import jocker.linux.Syscalls;
import jocker.linux.UnionLibC;
import jocker.linux.UnpackCalls;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.input.TeeInputStream;

/**
 * Layers as tar archives in the OCI image layer format, and back.
 *
 * <p>A layer on disk is in overlayfs's form (whiteouts are character devices
 * 0/0, opaque directories carry an xattr); in a tar it is in the OCI form
 * (empty {@code .wh.NAME} and {@code .wh..wh..opq} entries). {@link #write}
 * translates the first into the second, {@link #unpack} the second into the
 * first. Entry names are relative ({@code bin/ls}, directories end in
 * {@code /}), parents come before their children.
 */
public final class LayerTar {

    // utimensat(2), from <fcntl.h> and <sys/stat.h>: relative to the working directory,
    // this time left as it is, the link itself rather than what it points to.
    private static final int AT_FDCWD = -100;
    private static final long UTIME_OMIT = (1L << 30) - 2;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** Extended attributes that only overlayfs may set: a tar's would change what the container sees. */
    private static final String OVERLAY_XATTRS = "trusted.overlay.";
    private static final int COPY_BUFFER = 1 << 20;
    /**
     * What an entry needs of its file, all from one lstat(2). Not {@code unix:*}, whose owner and group
     * names cost a look-up in /etc/passwd and /etc/group per file, for names a layer tar does not keep.
     */
    private static final String ATTRIBUTES = "unix:mode,uid,gid,dev,ino,nlink,size,rdev,lastModifiedTime";

    private LayerTar() {
    }

    // ---------------------------------------------------------------- write

    /** Writes the layer in {@code tree} (overlayfs form) to {@code out} as an OCI layer tar. */
    public static void write(Path tree, OutputStream out) throws IOException {
        write(tree, out, null);
    }

    /**
     * Writes the layer in {@code tree} to {@code out} as {@link #write(Path, OutputStream)} does and,
     * unless {@code unpackInto} is null, unpacks each entry into that empty directory as it goes,
     * as {@link #unpack} would unpack the whole tar afterwards: the same directory, with each file
     * read once and the tar never read back. The caller deletes {@code unpackInto} when it fails.
     */
    public static void write(Path tree, OutputStream out, Path unpackInto) throws IOException {
        XattrTarOutputStream tar = new XattrTarOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Unpacker unpacker = unpackInto != null ? new Unpacker(unpackInto) : null;
        writeChildren(tree, "", tar, new HashMap<>(), new byte[COPY_BUFFER], unpacker);
        if (unpacker != null) {
            unpacker.finish();
        }
        tar.finish();
        tar.flush();
    }

    private static void writeChildren(Path dir, String prefix, XattrTarOutputStream tar,
            Map<String, String> linked, byte[] buffer, Unpacker unpacker) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String name = prefix + child.getFileName();
            Map<String, byte[]> xattrs = xattrs(child);
            for (TarArchiveEntry entry : entries(child, name, linked)) {
                // the file's own entry has its attributes; a whiteout's or a hard link's has none
                Map<String, byte[]> own = !entry.isLink()
                        && (entry.getName().equals(name) || entry.getName().equals(name + "/")) ? xattrs : Map.of();
                tar.putArchiveEntry(entry, own);
                boolean bytes = entry.isFile() && !entry.isLink() && entry.getSize() > 0;
                if (unpacker == null) {
                    if (bytes) {
                        copy(child, tar, buffer);
                    }
                } else {
                    // a file's bytes go to the tar as the unpacker reads them: one read for both copies
                    try (InputStream in = bytes
                            ? new TeeInputStream(Files.newInputStream(child, LinkOption.NOFOLLOW_LINKS), tar)
                            : InputStream.nullInputStream()) {
                        unpacker.entry(entry, in, own);
                        while (in.read(buffer) >= 0) {
                            // into the tar, whatever the unpacker left: read, not skipped, to pass the tee
                        }
                    }
                }
                tar.closeArchiveEntry();
            }
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                writeChildren(child, name + "/", tar, linked, buffer, unpacker);
            }
        }
    }

    /**
     * The extended attributes a file's entry carries, name to value: all of them (a file
     * capability, {@code security.capability}, a program's {@code user.*} ones) but overlayfs's
     * own, whose marks the tar has as {@code .wh.} entries and whose other records (where a file was
     * copied up from) mean nothing outside this overlay. None where the file system keeps none.
     * A name with {@code =} is refused, naming the file: a PAX record could not hold it.
     */
    static Map<String, byte[]> xattrs(Path file) throws IOException {
        String path = file.toString();
        byte[] list = new byte[256];
        long length;
        while (true) {
            try {
                length = UnpackCalls.llistxattr(path, list, list.length);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EOPNOTSUPP.number()) {
                    return Map.of();
                }
                if (e.getErrorCode() != Errno.ERANGE.number()) {
                    throw failed("llistxattr(" + Syscalls.quote(path) + ")", e);
                }
                list = new byte[list.length * 4]; // 64 KiB is the kernel's most
            }
        }
        Map<String, byte[]> found = new TreeMap<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (list[i] == 0) {
                String name = new String(list, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                if (name.indexOf('=') >= 0) {
                    // "SCHILY.xattr.NAME=VALUE": a reader takes the first '=' as the end of the name
                    // (Go's archive/tar refuses the header), so the attribute would come back as another
                    throw new LayerException("cannot put " + file + " in a layer: its extended attribute '" + name
                            + "' has '=' in its name, which a tar's PAX record cannot hold; remove it"
                            + " (setfattr -x) and commit again");
                }
                if (!name.startsWith(OVERLAY_XATTRS)) {
                    byte[] value = xattrValue(path, name);
                    if (value != null) {
                        found.put(name, value);
                    }
                }
            }
        }
        return found;
    }

    /** One attribute's value; null if it went between the listing and now. */
    private static byte[] xattrValue(String path, String name) {
        String call = "lgetxattr(" + Syscalls.quote(path) + ", " + name + ")";
        while (true) {
            try {
                byte[] value = new byte[(int) UnpackCalls.lgetxattr(path, name, null, 0)];
                int length = (int) UnpackCalls.lgetxattr(path, name, value, value.length);
                return length == value.length ? value : Arrays.copyOf(value, length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.ENODATA.number()) {
                    return null;
                }
                if (e.getErrorCode() != Errno.ERANGE.number()) { // it grew between the two calls: again
                    throw failed(call, e);
                }
            }
        }
    }

    /**
     * A file's bytes into the tar, a megabyte per read(2): {@code Files.copy} reads 8 KiB at a time,
     * twelve calls for a file of 100 KB.
     */
    private static void copy(Path file, OutputStream tar, byte[] buffer) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                tar.write(buffer, 0, n);
            }
        }
    }

    // tag::write[]
    /**
     * The tar entries for {@code path} of the layer, named {@code name}:
     * one, or two for an opaque directory.
     * {@code linked} maps the inodes seen so far with more than one link to
     * the name they were first written under, so the next ones become hard links.
     */
    static List<TarArchiveEntry> entries(Path path, String name, Map<String, String> linked)
            throws IOException {
        Map<String, Object> attrs = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        // one lstat(2) per entry: the type comes from it
        int type = (Integer) attrs.get("mode") & S_IFMT;
        String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
        String base = name.substring(parent.length());
        if (type == S_IFCHR && Whiteouts.isWhiteout(path)
                || type == S_IFDIR && Whiteouts.isOpaque(path)) {
            return marks(path, parent, base, attrs);
        }
        TarArchiveEntry entry;
        String inode = attrs.get("dev") + ":" + attrs.get("ino");
        if ((Integer) attrs.get("nlink") > 1 && type != S_IFDIR && linked.containsKey(inode)) {
            entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
            entry.setLinkName(linked.get(inode));
        } else if (type == S_IFDIR) {
            entry = dirEntry(name, attrs);
        } else if (type == S_IFLNK) {
            entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else if (type == S_IFREG) {
            entry = new TarArchiveEntry(name);
            entry.setSize((Long) attrs.get("size"));
        } else {
            byte flag = type == S_IFCHR ? TarConstants.LF_CHR : type == S_IFBLK ? TarConstants.LF_BLK
                    : type == S_IFIFO ? TarConstants.LF_FIFO : 0;
            if (flag == 0) {
                throw new LayerException("cannot put " + path
                        + " in a layer: a socket or other special file");
            }
            entry = new TarArchiveEntry(name, flag);
            long rdev = (Long) attrs.get("rdev");
            entry.setDevMajor((int) Kernel.major(rdev));
            entry.setDevMinor((int) Kernel.minor(rdev));
        }
        if ((Integer) attrs.get("nlink") > 1 && !entry.isDirectory()) {
            linked.putIfAbsent(inode, name);
        }
        setOwnerModeTime(entry, attrs);
        return List.of(entry);
    }

    /**
     * The entries for a whiteout or an opaque directory: overlayfs's marks
     * in the OCI's form.
     */
    static List<TarArchiveEntry> marks(Path path, String parent, String base,
            Map<String, Object> attrs) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        // Exercise 4.7: a whiteout becomes one empty regular entry (emptyFile,
        //   with the whiteout's attrs) named parent + PREFIX + base; an opaque
        //   directory becomes its own entry (dirEntry, named parent + base) followed
        //   by an empty entry parent + base + "/" + OPAQUE_MARKER (no attrs: null).
        Exercise.todo("4.7", "a whiteout becomes one empty regular entry (emptyFile, with the whiteout's attrs) named parent + PREFIX + base; an opaque directory becomes its own entry (dirEntry, named parent + base) followed by an empty entry parent + base + \"/\" + OPAQUE_MARKER (no attrs: null).");
        return entries;
    }
    // end::write[]

    private static TarArchiveEntry dirEntry(String name, Map<String, Object> attrs) {
        TarArchiveEntry entry = new TarArchiveEntry(name + "/");
        setOwnerModeTime(entry, attrs);
        return entry;
    }

    /**
     * An empty regular entry for a mark: owner and time of the whiteout it
     * stands for ({@code attrs}), or root and the epoch. Mode 0600, as
     * Docker writes it.
     */
    private static TarArchiveEntry emptyFile(String name, Map<String, Object> attrs) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        if (attrs != null) {
            setOwnerModeTime(entry, attrs);
        } else {
            entry.setModTime(FileTime.fromMillis(0));
        }
        entry.setMode(0600);
        entry.setSize(0);
        return entry;
    }

    private static void setOwnerModeTime(TarArchiveEntry entry, Map<String, Object> attrs) {
        entry.setMode((Integer) attrs.get("mode") & 07777);
        entry.setUserId(((Number) attrs.get("uid")).longValue());
        entry.setGroupId(((Number) attrs.get("gid")).longValue());
        entry.setModTime(asRecorded((FileTime) attrs.get("lastModifiedTime")));
    }

    /**
     * A time as a layer tar records it: a PAX header keeps seven decimals of the second (the tar
     * writer rounds down), so the entry, and the {@code diff/} that {@link #write} unpacks from
     * it, hold what a later {@link #unpack} of the tar will read.
     */
    private static FileTime asRecorded(FileTime time) {
        Instant t = time.toInstant();
        return FileTime.from(t.minusNanos(t.getNano() % 100));
    }

    // --------------------------------------------------------------- unpack

    /**
     * Unpacks an OCI layer tar into {@code dir}, an empty directory, in
     * overlayfs's form. Refuses, with a {@link LayerException} naming the
     * entry, anything that would write outside {@code dir}: an absolute name
     * or one with {@code ..}, a name below a symbolic link, a hard link to
     * outside. Symbolic links themselves are kept as the tar has them, even
     * {@code /etc} or {@code ../../x}: they are resolved in the container,
     * after pivot_root(2), and nothing here ever follows one. Extended
     * attributes ({@code SCHILY.xattr.*}) are set, except overlayfs's own.
     * The caller deletes {@code dir} when it fails.
     */
    public static void unpack(InputStream in, Path dir) throws IOException {
        XattrTarInputStream tar = new XattrTarInputStream(in);
        Unpacker unpacker = new Unpacker(dir);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            unpacker.entry(entry, tar, tar.xattrs());
        }
        unpacker.finish();
    }

    /**
     * What {@link #unpack} does entry by entry, and {@link #write} too when it unpacks as it writes:
     * the directory it fills, what it has made there, and the directories' times, set at the end.
     */
    private static final class Unpacker {
        private final Path dir;
        private final Deque<Runnable> directoryTimes = new ArrayDeque<>();
        private final Set<Path> directories = new HashSet<>(); // made or checked: a real directory, no link
        private final Buffers buffer = new Buffers();

        Unpacker(Path dir) {
            this.dir = dir;
        }

        /** The directories' times, once their children are in: each new child changed its directory's. */
        void finish() {
            directoryTimes.forEach(Runnable::run);
        }

        /** One entry of the tar, its bytes (a regular file's) read from {@code content}. */
        void entry(TarArchiveEntry entry, InputStream content, Map<String, byte[]> xattrs) throws IOException {
            Path relative = safeName(entry.getName());
            if (relative == null) {
                return; // the layer's root, "./"
            }
            Path parent = makeParents(dir, relative, entry.getName(), directories);
            String base = relative.getFileName().toString();
            if (base.startsWith(Whiteouts.PREFIX)) {
                String hides = base.substring(Whiteouts.PREFIX.length());
                if (!base.equals(Whiteouts.OPAQUE_MARKER) && (hides.isEmpty() || hides.equals(".") || hides.equals(".."))) {
                    throw new LayerException("layer tar entry '" + entry.getName() + "': a whiteout of '" + hides
                            + "', which names no file");
                }
                Path named = parent.resolve(hides);
                if (!base.equals(Whiteouts.OPAQUE_MARKER) && Files.exists(named, LinkOption.NOFOLLOW_LINKS)) {
                    keepOwn(named); // this layer has NAME itself: the whiteout is for the layers below
                } else {
                    applyMark(parent, base);
                }
                return;
            }
            Path target = parent.resolve(base);
            boolean overWhiteout = false;
            boolean regular;
            try {
                regular = create(content, entry, dir, target, buffer, directories);
            } catch (FileAlreadyExistsException there) {
                // a later entry of the same name replaces an earlier one; a directory merges
                overWhiteout = Whiteouts.isWhiteout(target);
                if (entry.isDirectory() && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    regular = false;
                } else {
                    directories.removeIf(d -> d.startsWith(target));
                    Trees.delete(target); // the link itself, never what it points to
                    regular = create(content, entry, dir, target, buffer, directories);
                }
            }
            if (overWhiteout) {
                keepOwn(target);
            }
            if (regular) {
                setXattrs(entry, target, xattrs); // owner, mode and time came with the file (writeFile)
            } else if (!entry.isLink()) { // a hard link's inode has its owner, mode and time already
                setAttributes(entry, target, xattrs, directoryTimes);
            }
        }
    }

    /**
     * Owner, mode, extended attributes and time of a file just made, in that
     * order: chown(2) clears the set-user-ID bit and file capabilities, so
     * they come after it. A symbolic link gets its owner and time (the link
     * itself, {@code AT_SYMLINK_NOFOLLOW}) but no mode, which links lack.
     */
    private static void setAttributes(TarArchiveEntry entry, Path target, Map<String, byte[]> xattrs,
            Deque<Runnable> directoryTimes) {
        String path = target.toString();
        int uid = (int) entry.getLongUserId();
        int gid = (int) entry.getLongGroupId();
        try {
            UnpackCalls.lchown(path, uid, gid);
        } catch (LastErrorException e) {
            throw failed("lchown(" + Syscalls.quote(path) + ", " + uid + ", " + gid + ")", e);
        }
        if (!entry.isSymbolicLink()) {
            int mode = entry.getMode() & 07777;
            try {
                UnpackCalls.chmod(path, mode);
            } catch (LastErrorException e) {
                throw failed("chmod(" + Syscalls.quote(path) + ", 0" + Integer.toOctalString(mode) + ")", e);
            }
        }
        setXattrs(entry, target, xattrs);
        FileTime time = entry.getLastModifiedTime();
        if (entry.isDirectory()) {
            directoryTimes.push(() -> setModifiedTime(target, time)); // after its children are in
        } else {
            setModifiedTime(target, time);
        }
    }

    // tag::unpack-whiteouts[]
    /**
     * An OCI whiteout entry {@code base} in directory {@code parent} of the
     * layer, in overlayfs's form.
     */
    static void applyMark(Path parent, String base) throws IOException {
        // Exercise 4.8: OPAQUE_MARKER makes parent opaque; PREFIX + NAME puts
        //   a whiteout where NAME is.
        Exercise.todo("4.8", "OPAQUE_MARKER makes parent opaque; PREFIX + NAME puts a whiteout where NAME is.");
    }

    /**
     * A layer that has both {@code NAME} and {@code .wh.NAME}, in either
     * order: the OCI spec says the whiteout hides only the layers below,
     * so this layer's own {@code NAME} stays. A file hides what is below it
     * anyway; a directory would merge with the one below, unless opaque.
     */
    private static void keepOwn(Path named) {
        if (Files.isDirectory(named, LinkOption.NOFOLLOW_LINKS)) {
            Whiteouts.makeOpaque(named);
        }
    }
    // end::unpack-whiteouts[]

    /**
     * Makes the file of {@code entry} at {@code target}; throws
     * {@link FileAlreadyExistsException} if something is there already,
     * a symbolic link included: {@code O_EXCL} never writes through one.
     * Returns whether it wrote a regular file, which has its owner, mode and
     * time already.
     */
    private static boolean create(InputStream content, TarArchiveEntry entry, Path dir, Path target,
            Buffers buffer, Set<Path> directories) throws IOException {
        if (entry.isDirectory()) {
            Files.createDirectory(target);
            directories.add(target);
        } else if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Path relative;
            try {
                relative = safeName(entry.getLinkName());
            } catch (LayerException outside) {
                throw new LayerException("layer tar entry '" + entry.getName() + "': hard link to '"
                        + entry.getLinkName() + "', outside the layer");
            }
            if (relative == null) {
                throw new LayerException("layer tar entry '" + entry.getName() + "': a hard link to the layer's root");
            }
            Path source = makeParents(dir, relative, entry.getLinkName(), directories)
                    .resolve(relative.getFileName().toString());
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new LayerException("layer tar entry '" + entry.getName() + "': hard link to '"
                        + entry.getLinkName() + "', which is not an earlier file of this layer");
            }
            Files.createLink(target, source); // link(2): a link to a symbolic link is one too, never its target
        } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            int type = entry.isCharacterDevice() ? S_IFCHR : entry.isBlockDevice() ? S_IFBLK : S_IFIFO;
            try {
                Kernel.mknod(target.toString(), type | (entry.getMode() & 07777), entry.getDevMajor(),
                        entry.getDevMinor());
            } catch (SyscallException e) {
                if (e.errno() == Errno.EEXIST.number()) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                throw e;
            }
        } else if (entry.isFile()) {
            writeFile(content, entry, target, buffer);
            return true;
        } else {
            throw new LayerException("layer tar entry '" + entry.getName() + "': unsupported type '"
                    + (char) entry.getLinkFlag() + "'");
        }
        return false;
    }

    /**
     * A regular file, written and given its owner, mode and time through one
     * open descriptor. {@code O_EXCL} and {@code O_NOFOLLOW}: it is a new
     * file, never one that a symbolic link of an earlier entry points to.
     */
    private static void writeFile(InputStream content, TarArchiveEntry entry, Path target,
            Buffers buffer) throws IOException {
        String path = target.toString();
        int fd;
        try {
            fd = UnpackCalls.open(path, UnpackCalls.O_WRONLY | UnpackCalls.O_CREAT | UnpackCalls.O_EXCL
                    | UnpackCalls.O_NOFOLLOW | UnpackCalls.O_CLOEXEC, 0600);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EEXIST.number()) {
                throw new FileAlreadyExistsException(path);
            }
            throw failed("open(" + Syscalls.quote(path) + ", O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC)", e);
        }
        String call = "write";
        try {
            int n;
            while ((n = content.read(buffer.heap)) > 0) {
                buffer.direct.clear();
                buffer.direct.put(buffer.heap, 0, n);
                for (long done = 0; done < n; ) {
                    buffer.direct.position((int) done);
                    done += UnpackCalls.write(fd, buffer.direct.slice(), n - done);
                }
            }
            call = "fchown";
            UnpackCalls.fchown(fd, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
            call = "fchmod"; // after fchown, which clears the set-user-ID bit
            UnpackCalls.fchmod(fd, entry.getMode() & 07777);
            call = "futimens";
            Instant t = entry.getLastModifiedTime().toInstant();
            UnpackCalls.futimens(fd, new long[] {0, UTIME_OMIT, t.getEpochSecond(), t.getNano()});
        } catch (LastErrorException e) {
            throw failed(call + "() of " + Syscalls.quote(path) + ", layer tar entry '" + entry.getName() + "'", e);
        } finally {
            UnpackCalls.close(fd);
        }
    }

    /** The copy buffer of an unpack: the tar reader fills the heap array, write(2) takes the direct one. */
    private record Buffers(byte[] heap, ByteBuffer direct) {
        Buffers() {
            this(new byte[COPY_BUFFER], ByteBuffer.allocateDirect(COPY_BUFFER));
        }
    }

    // tag::safe-name[]
    /**
     * The entry's name as a path relative to the layer, or null for the
     * layer's root. Throws for a name that leaves the layer.
     */
    static Path safeName(String name) throws LayerException {
        String trimmed = name;
        while (trimmed.startsWith("./")) {
            trimmed = trimmed.substring(2);
        }
        if (trimmed.isEmpty() || trimmed.equals(".")) {
            return null;
        }
        if (trimmed.startsWith("/")) {
            throw new LayerException("layer tar entry '" + name
                    + "': an absolute name, outside the layer");
        }
        Path path = Path.of(trimmed);
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new LayerException("layer tar entry '" + name
                        + "': '..' would lead outside the layer");
            }
        }
        return path.normalize();
    }
    // end::safe-name[]

    /**
     * Makes the directories above {@code relative} that are missing, and
     * returns the one it goes in. Never follows a symbolic link: one
     * earlier entry {@code etc -> /etc} and a later {@code etc/passwd}
     * would otherwise write the host's password file. {@code directories}
     * remembers those already made or checked, one lstat(2) each.
     */
    private static Path makeParents(Path dir, Path relative, String name, Set<Path> directories)
            throws IOException {
        Path parents = relative.getParent();
        if (parents == null) {
            return dir;
        }
        Path whole = dir.resolve(parents);
        if (directories.contains(whole)) {
            return whole;
        }
        Path current = dir;
        for (Path part : parents) {
            current = current.resolve(part.toString());
            if (directories.contains(current)) {
                continue;
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException missing) {
                Files.createDirectory(current);
                directories.add(current);
                continue;
            }
            if (attrs.isSymbolicLink()) {
                throw new LayerException("layer tar entry '" + name + "': goes through the symbolic link '"
                        + dir.relativize(current) + "'");
            }
            if (!attrs.isDirectory()) {
                throw new LayerException("layer tar entry '" + name + "': '" + dir.relativize(current)
                        + "' is not a directory");
            }
            directories.add(current);
        }
        return current;
    }

    /**
     * Sets the modification time of {@code path}, and leaves its access time,
     * with utimensat(2). Not {@code Files.setLastModifiedTime}: the JDK opens
     * the file to set its times, and a device file whose driver this kernel
     * lacks cannot be opened (ENODEV), though a layer may well hold one.
     */
    private static void setModifiedTime(Path path, FileTime time) {
        Instant t = time.toInstant();
        long[] times = {0, UTIME_OMIT, t.getEpochSecond(), t.getNano()};
        try {
            UnpackCalls.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw failed("utimensat(AT_FDCWD, " + Syscalls.quote(path.toString()) + ", {UTIME_OMIT, " + t
                    + "}, AT_SYMLINK_NOFOLLOW)", e);
        }
    }

    /** The extended attributes of a tar entry, on the file just made; overlayfs's own are left out. */
    private static void setXattrs(TarArchiveEntry entry, Path target, Map<String, byte[]> xattrs) {
        String path = target.toString();
        for (Map.Entry<String, byte[]> xattr : xattrs.entrySet()) {
            String name = xattr.getKey();
            byte[] value = xattr.getValue();
            if (!name.startsWith(OVERLAY_XATTRS)) { // overlayfs's marks come from .wh. entries only
                Syscalls.call("lsetxattr(" + Syscalls.quote(path) + ", " + name + ") for layer tar entry '"
                        + entry.getName() + "'",
                        () -> UnionLibC.INSTANCE.lsetxattr(path, name, value, value.length, 0));
            }
        }
    }

    /** A failed call, as {@link Syscalls#call} reports it; the description is made only then. */
    private static SyscallException failed(String call, LastErrorException e) {
        return new SyscallException(call, e.getErrorCode(), LibC.INSTANCE.strerror(e.getErrorCode()));
    }
}
