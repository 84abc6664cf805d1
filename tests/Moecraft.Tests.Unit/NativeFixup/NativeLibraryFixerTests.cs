using Moecraft.NativeFixup;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.NativeFixup;

/// <summary>Which libstdc++ needs the fixer weakens, given what the system libstdc++ defines.</summary>
public sealed class NativeLibraryFixerTests : IDisposable
{
    private readonly TempDirectory _temp = new("nativefixup");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Leaves_the_file_alone_when_the_system_defines_every_version()
    {
        var path = Write(Library());
        var before = File.ReadAllBytes(path);

        var result = Fixer("GLIBCXX_3.4.30", "GLIBCXX_3.4.32", "GLIBCXX_3.4.33").Fix(path);

        Assert.Equal(FixupAction.NotNeeded, result.Action);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Weakens_the_allowed_missing_version_then_reports_it_already_weak()
    {
        var path = Write(Library());
        var fixer = Fixer("GLIBCXX_3.4.30", "GLIBCXX_3.4.33");

        var first = fixer.Fix(path);
        var afterFirst = File.ReadAllBytes(path);
        var second = fixer.Fix(path);

        Assert.Equal(FixupAction.Patched, first.Action);
        Assert.Equal(["GLIBCXX_3.4.32"], first.Weakened);
        Assert.Equal(FixupAction.AlreadyWeak, second.Action);
        Assert.Equal(["GLIBCXX_3.4.32"], second.AlreadyWeak);
        Assert.Equal(afterFirst, File.ReadAllBytes(path));
        Assert.Equal(["GLIBCXX_3.4.32"], ElfVersionNeeds.ReadFile(path).Where(n => n.IsWeak).Select(n => n.VersionName));
    }

    [Fact]
    public void Never_weakens_a_missing_version_outside_the_allow_list()
    {
        var path = Write(Library());
        var before = File.ReadAllBytes(path);

        var result = Fixer("GLIBCXX_3.4.30", "GLIBCXX_3.4.32").Fix(path);

        Assert.Equal(FixupAction.LeftUnchanged, result.Action);
        Assert.Equal(["GLIBCXX_3.4.33"], result.Unsafe);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Weakens_only_the_allowed_version_when_others_are_missing_too()
    {
        var path = Write(Library());

        var result = Fixer("GLIBCXX_3.4.30").Fix(path);

        Assert.Equal(FixupAction.Patched, result.Action);
        Assert.Equal(["GLIBCXX_3.4.32"], result.Weakened);
        Assert.Equal(["GLIBCXX_3.4.33"], result.Unsafe);
        Assert.Equal(["GLIBCXX_3.4.32"], ElfVersionNeeds.ReadFile(path).Where(n => n.IsWeak).Select(n => n.VersionName));
    }

    [Fact]
    public void Ignores_needs_on_libraries_other_than_libstdcxx()
    {
        var path = Write(new SyntheticElf().Need("libc.so.6", "GLIBC_2.99", "GLIBCXX_3.4.32").Need("libstdc++.so.6", "GLIBCXX_3.4.30").Build());
        var before = File.ReadAllBytes(path);

        var result = Fixer("GLIBCXX_3.4.30").Fix(path);

        Assert.Equal(FixupAction.NotNeeded, result.Action);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Locates_libstdcxx_in_the_first_directory_that_has_it()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_temp.Path, "empty")).FullName;
        var first = Directory.CreateDirectory(Path.Combine(_temp.Path, "first")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(_temp.Path, "second")).FullName;
        File.WriteAllBytes(Path.Combine(first, SystemLibStdCxx.FileName), []);
        File.WriteAllBytes(Path.Combine(second, SystemLibStdCxx.FileName), []);

        Assert.Equal(Path.Combine(first, SystemLibStdCxx.FileName), SystemLibStdCxx.Locate([empty, first, second]));
        Assert.Null(SystemLibStdCxx.Locate([empty]));
    }

    private static byte[] Library() => new SyntheticElf()
        .Need("libm.so.6", "GLIBC_2.2.5")
        .Need("libstdc++.so.6", "GLIBCXX_3.4.30", "GLIBCXX_3.4.32", "GLIBCXX_3.4.33")
        .Build();

    private static NativeLibraryFixer Fixer(params string[] definedBySystem) =>
        new(new HashSet<string>(definedBySystem, StringComparer.Ordinal));

    private string Write(byte[] image)
    {
        var path = Path.Combine(_temp.Path, $"libLibTorchSharp-{Guid.NewGuid():n}.so");
        File.WriteAllBytes(path, image);
        return path;
    }
}
