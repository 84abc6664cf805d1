namespace Moecraft.NativeFixup;

/// <summary>
/// Replaces a file's contents through a temporary sibling and an atomic rename. The rename gives the path a new inode,
/// so a hard link or symlink into the NuGet package cache is never written through. Mode and last-write time are kept:
/// MSBuild's copy-local step skips files whose size and timestamp match the package's, so a patched output stays
/// patched across incremental builds instead of being recopied and patched again every time.
/// </summary>
internal static class FileReplacer
{
    public static void Replace(string path, ReadOnlySpan<byte> contents)
    {
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target) ?? throw new IOException($"{target}: has no parent directory");
        // Mode and timestamp come from the file the path resolves to: a symlink's own metadata is not what copy-local compares.
        var resolved = File.ResolveLinkTarget(target, returnFinalTarget: true)?.FullName ?? target;
        var lastWrite = File.GetLastWriteTimeUtc(resolved);
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():n}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(resolved));
            File.SetLastWriteTimeUtc(temp, lastWrite);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
