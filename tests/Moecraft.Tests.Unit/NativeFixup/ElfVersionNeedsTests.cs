using System.Text.Json;
using Moecraft.NativeFixup;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.NativeFixup;

/// <summary>Reading and weakening ELF version needs, on synthetic images and on the real libLibTorchSharp.so in the build output.</summary>
public sealed class ElfVersionNeedsTests
{
    private const string MissingOnDebian12 = "GLIBCXX_3.4.32";

    private static byte[] Library() => new SyntheticElf()
        .Need("libc.so.6", "GLIBC_2.2.5", "GLIBC_2.34")
        .Need("libstdc++.so.6", ("GLIBCXX_3.4.30", 0), (MissingOnDebian12, 0), ("CXXABI_1.3.13", 0x4))
        .Build();

    [Fact]
    public void Reads_every_need_with_its_file_name_and_flags()
    {
        var needs = ElfVersionNeeds.Read(Library());

        Assert.Equal(
            [
                ("libc.so.6", "GLIBC_2.2.5", (ushort)0),
                ("libc.so.6", "GLIBC_2.34", (ushort)0),
                ("libstdc++.so.6", "GLIBCXX_3.4.30", (ushort)0),
                ("libstdc++.so.6", MissingOnDebian12, (ushort)0),
                ("libstdc++.so.6", "CXXABI_1.3.13", (ushort)0x4),
            ],
            needs.Select(n => (n.FileName, n.VersionName, n.Flags)));
        Assert.DoesNotContain(needs, n => n.IsWeak);
    }

    [Fact]
    public void Marking_weak_changes_only_that_need_flags_byte()
    {
        var original = Library();
        var image = (byte[])original.Clone();

        Assert.True(ElfVersionNeeds.MarkWeak(image, MissingOnDebian12));

        var need = Assert.Single(ElfVersionNeeds.Read(image), n => n.VersionName == MissingOnDebian12);
        Assert.True(need.IsWeak);
        Assert.Equal(SyntheticElf.Weak, need.Flags);
        var changed = Enumerable.Range(0, image.Length).Where(i => image[i] != original[i]).ToList();
        Assert.Equal([(int)need.FlagsOffset], changed);
        Assert.Equal(
            ElfVersionNeeds.Read(original).Where(n => n.VersionName != MissingOnDebian12),
            ElfVersionNeeds.Read(image).Where(n => n.VersionName != MissingOnDebian12));
    }

    [Fact]
    public void Marking_weak_keeps_other_flag_bits()
    {
        var image = Library();

        ElfVersionNeeds.MarkWeak(image, "CXXABI_1.3.13");

        Assert.Equal(0x4 | SyntheticElf.Weak, Assert.Single(ElfVersionNeeds.Read(image), n => n.VersionName == "CXXABI_1.3.13").Flags);
    }

    [Fact]
    public void Marking_weak_twice_changes_nothing_the_second_time()
    {
        var image = Library();
        Assert.True(ElfVersionNeeds.MarkWeak(image, MissingOnDebian12));
        var once = (byte[])image.Clone();

        Assert.False(ElfVersionNeeds.MarkWeak(image, MissingOnDebian12));

        Assert.Equal(once, image);
    }

    [Fact]
    public void Marking_an_unknown_version_throws_and_leaves_the_image()
    {
        var image = Library();
        var before = (byte[])image.Clone();

        var error = Assert.Throws<ArgumentException>(() => ElfVersionNeeds.MarkWeak(image, "GLIBCXX_9.9.9"));

        Assert.Contains("GLIBCXX_9.9.9", error.Message);
        Assert.Equal(before, image);
    }

    [Fact]
    public void Non_elf_input_throws_a_clear_message_and_is_left_unchanged()
    {
        var image = "#!/bin/sh\necho not a library\n"u8.ToArray();
        var before = (byte[])image.Clone();

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MarkWeak(image, MissingOnDebian12));

        Assert.Contains("not an ELF file", error.Message);
        Assert.Equal(before, image);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(40)]
    [InlineData(63)]
    [InlineData(200)]
    public void Truncated_input_throws_a_clear_message_and_is_left_unchanged(int length)
    {
        var image = Library()[..length];
        var before = (byte[])image.Clone();

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MarkWeak(image, MissingOnDebian12));

        Assert.Contains("truncated", error.Message);
        Assert.Equal(before, image);
    }

    [Fact]
    public void Input_cut_inside_the_section_header_table_is_reported_as_truncated()
    {
        var full = Library();
        var image = full[..(full.Length - 1)];

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Read(image));

        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData(4, 1, "32-bit")]
    [InlineData(5, 2, "big-endian")]
    public void Other_elf_classes_and_encodings_are_rejected_by_name(int identIndex, byte value, string expected)
    {
        var image = Library();
        image[identIndex] = value;
        var before = (byte[])image.Clone();

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MarkWeak(image, MissingOnDebian12));

        Assert.Contains(expected, error.Message);
        Assert.Equal(before, image);
    }

    [Fact]
    public void Reads_defined_versions_without_the_base_entry()
    {
        var image = new SyntheticElf().Need("libc.so.6", "GLIBC_2.2.5").Define("GLIBCXX_3.4", "GLIBCXX_3.4.30", "CXXABI_1.3").Build();

        var defined = ElfVersionDefinitions.Read(image);

        Assert.Equal(["CXXABI_1.3", "GLIBCXX_3.4", "GLIBCXX_3.4.30"], defined.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Patching_a_file_keeps_its_mode_and_timestamp_and_does_not_write_through_a_link()
    {
        using var temp = new TempDirectory("nativefixup");
        var packageCopy = Path.Combine(temp.Path, "package.so");
        var output = Path.Combine(temp.Path, "libLibTorchSharp.so");
        var original = Library();
        File.WriteAllBytes(packageCopy, original);
        var stamp = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(packageCopy, stamp);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(packageCopy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        // Copy-local may link to the NuGet cache instead of copying; the patch must replace the link, not edit the cache.
        File.CreateSymbolicLink(output, packageCopy);

        var changed = ElfVersionNeeds.MarkWeakInFile(output, [MissingOnDebian12]);

        Assert.Equal([MissingOnDebian12], changed);
        Assert.Null(new FileInfo(output).LinkTarget);
        Assert.Equal(original, File.ReadAllBytes(packageCopy));
        Assert.True(Assert.Single(ElfVersionNeeds.ReadFile(output), n => n.VersionName == MissingOnDebian12).IsWeak);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(output));
        if (!OperatingSystem.IsWindows()) Assert.Equal(File.GetUnixFileMode(packageCopy), File.GetUnixFileMode(output));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void A_file_that_is_already_weak_is_not_rewritten()
    {
        using var temp = new TempDirectory("nativefixup");
        var target = Path.Combine(temp.Path, "weak.so");
        var image = Library();
        ElfVersionNeeds.MarkWeak(image, MissingOnDebian12);
        File.WriteAllBytes(target, image);
        var link = Path.Combine(temp.Path, "libLibTorchSharp.so");
        File.CreateSymbolicLink(link, target);

        var changed = ElfVersionNeeds.MarkWeakInFile(link, [MissingOnDebian12]);

        Assert.Empty(changed);
        Assert.Equal(target, new FileInfo(link).LinkTarget); // a rewrite would have replaced the link with a file
    }

    [Fact]
    public void Malformed_file_is_reported_with_its_path_and_left_unchanged()
    {
        using var temp = new TempDirectory("nativefixup");
        var path = Path.Combine(temp.Path, "libLibTorchSharp.so");
        var truncated = Library()[..100];
        File.WriteAllBytes(path, truncated);

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MarkWeakInFile(path, [MissingOnDebian12]));

        Assert.StartsWith(path, error.Message);
        Assert.Equal(truncated, File.ReadAllBytes(path));
    }

    /// <summary>
    /// The build hook (MoecraftNativeFixup) ran on this test project's output: where the system libstdc++ lacks
    /// GLIBCXX_3.4.32 the output copy must differ from the package's only in that need's weak flag; elsewhere it
    /// must be the package's file byte for byte.
    /// </summary>
    [Fact]
    public void Build_output_libtorchsharp_is_weakened_exactly_when_the_system_needs_it()
    {
        var built = BuiltLibTorchSharp();
        using var temp = new TempDirectory("nativefixup");
        var copy = Path.Combine(temp.Path, "libLibTorchSharp.so");
        File.Copy(built, copy);
        var actual = File.ReadAllBytes(copy);
        var expected = File.ReadAllBytes(PackageLibTorchSharp());

        var libStdCxx = OperatingSystem.IsLinux() ? SystemLibStdCxx.Locate() : null;
        var systemLacksIt = libStdCxx is not null && !ElfVersionDefinitions.ReadFile(libStdCxx).Contains(MissingOnDebian12);
        Assert.False(ElfVersionNeeds.Read(expected).Single(n => n.VersionName == MissingOnDebian12).IsWeak);
        if (systemLacksIt)
        {
            Assert.True(ElfVersionNeeds.MarkWeak(expected, MissingOnDebian12));
            Assert.True(ElfVersionNeeds.ReadFile(copy).Single(n => n.VersionName == MissingOnDebian12).IsWeak,
                $"{built}: {MissingOnDebian12} is not weak, but {libStdCxx} does not define it; did the MoecraftNativeFixup build hook run?");
        }

        var firstDifference = actual.Length == expected.Length
            ? Enumerable.Range(0, actual.Length).FirstOrDefault(i => actual[i] != expected[i], -1)
            : Math.Min(actual.Length, expected.Length);
        Assert.True(firstDifference < 0, $"{built} differs from the expected bytes at offset 0x{firstDifference:x} (system lacks {MissingOnDebian12}: {systemLacksIt})");
    }

    private static string BuiltLibTorchSharp()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No libLibTorchSharp.so in the test output: looked for {string.Join(", ", candidates)}.");
    }

    // The package's own copy, found through the NuGet folder and the TorchSharp version this build resolved.
    private static string PackageLibTorchSharp()
    {
        var depsFile = Path.Combine(AppContext.BaseDirectory, $"{typeof(ElfVersionNeedsTests).Assembly.GetName().Name}.deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var torchSharp = deps.RootElement.GetProperty("libraries").EnumerateObject()
            .FirstOrDefault(l => l.Name.StartsWith("TorchSharp/", StringComparison.Ordinal));
        if (torchSharp.Value.ValueKind == JsonValueKind.Undefined) throw new InvalidOperationException($"{depsFile} does not list the TorchSharp package.");

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, torchSharp.Value.GetProperty("path").GetString()!, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The TorchSharp package's libLibTorchSharp.so is not at {path}.");
    }
}
