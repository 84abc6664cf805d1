using Microsoft.Extensions.DependencyInjection;
using Moecraft.Tests.Infrastructure;
using Orleans.Serialization;

namespace Moecraft.Tests.Contracts;

/// <summary>
/// The serialized bytes of one sample of every contract are pinned in <c>pinned-contracts.txt</c>. Grain state and keeper
/// events are stored in these bytes, so a change to them is a change to what the database holds: a reordered parameter, a
/// renumbered id, a changed type or a moved alias fails here with what to do instead. Layouts pinned before a deliberate
/// change stay in the file (as Name@n) and must still read.
/// </summary>
public sealed class PinnedContractBytesTests
{
    /// <summary>Set to 1 to write today's bytes into the file after a deliberate, compatible change.</summary>
    public const string RepinVariable = "MOECRAFT_REPIN_CONTRACTS";

    private static readonly string PinFile = Path.Combine(RepositoryPaths.Root, "tests", "Moecraft.Tests.Unit", "Contracts", "pinned-contracts.txt");

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder =>
        {
            foreach (var assembly in ContractCatalog.Assemblies) builder.AddAssembly(assembly);
        })
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    /// <summary>
    /// Contracts retired on purpose, each with why no store can hold it under its own name: their pins stay in the file as a
    /// record and are no longer read.
    /// </summary>
    private static readonly Dictionary<string, string> Retired = new(StringComparer.Ordinal)
    {
        ["Moecraft.Kernel.Scar"] = MergedIntoRegionClaim,
        ["Moecraft.Kernel.Reflex"] = MergedIntoRegionClaim,
    };

    private const string MergedIntoRegionClaim = "merged into RegionClaim (same members, same ids); only ever stored as a member declared " +
        "with its own type, where no type name is written, so the containers' pins did not change";

    /// <summary>Exceptions travel with their message and stack trace through Orleans' exception codec; they are never stored.</summary>
    private static IEnumerable<Type> Pinnable => ContractCatalog.Types.Where(type => !typeof(Exception).IsAssignableFrom(type));

    [Fact]
    public void Every_contract_serializes_its_sample_to_the_pinned_bytes()
    {
        var today = Pinnable.ToDictionary(ContractCatalog.Name, type => Convert.ToHexStringLower(Serializer.SerializeToArray<object>(ContractSamples.Create(type))));
        var pins = ReadPins();
        if (Environment.GetEnvironmentVariable(RepinVariable) == "1")
        {
            WritePins(pins, today);
            return;
        }

        var changed = today.Where(t => pins.TryGetValue(t.Key, out var pinned) && pinned != t.Value).Select(t => t.Key).ToList();
        var unpinned = today.Keys.Where(name => !pins.ContainsKey(name)).ToList();
        var gone = pins.Keys.Where(name => !name.Contains('@') && !today.ContainsKey(name) && !Retired.ContainsKey(name)).ToList();

        Assert.True(changed.Count == 0,
            $"The stored form of {string.Join(", ", changed)} changed. Stored state and events of these types would no longer read as " +
            "written. Never reorder, renumber or retype a member: add a new member at the end with the next unused [Id] and a default, " +
            $"then, when its old bytes still read (this test's companion checks that), re-pin with {RepinVariable}=1 dotnet test --filter PinnedContractBytes.");
        Assert.True(unpinned.Count == 0, $"New contracts without a pinned sample: {string.Join(", ", unpinned)}. Pin them with {RepinVariable}=1 dotnet test --filter PinnedContractBytes.");
        Assert.True(gone.Count == 0,
            $"Pinned contracts that no longer exist: {string.Join(", ", gone)}. Stored data of a removed or renamed type no longer reads; " +
            "keep the type (or its [Alias]) while any store may hold it.");
        Assert.All(Retired.Keys, name => Assert.False(today.ContainsKey(name), $"{name} is listed as retired but still exists."));
    }

    [Fact]
    public void Every_pinned_layout_old_or_current_still_reads_as_its_type()
    {
        var unreadable = new List<string>();
        foreach (var (name, hex) in ReadPins())
        {
            var typeName = name.Split('@')[0];
            if (Retired.ContainsKey(typeName)) continue;
            try
            {
                var value = Serializer.Deserialize<object>(Convert.FromHexString(hex));
                if (value is null || ContractCatalog.Name(value.GetType()) != typeName) unreadable.Add($"{name}: read as {value?.GetType().Name ?? "null"}");
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                unreadable.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(unreadable.Count == 0, "Pinned layouts that no longer read:\n  " + string.Join("\n  ", unreadable));
    }

    private static SortedDictionary<string, string> ReadPins()
    {
        var pins = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(PinFile)) return pins;
        foreach (var line in File.ReadAllLines(PinFile).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', 2);
            pins[parts[0]] = parts[1];
        }
        return pins;
    }

    /// <summary>Today's bytes become the pins; a pin they replace stays as Name@n, so its layout keeps being read.</summary>
    private static void WritePins(SortedDictionary<string, string> pins, Dictionary<string, string> today)
    {
        foreach (var (name, hex) in today)
        {
            if (pins.TryGetValue(name, out var old) && old != hex)
            {
                var version = 1;
                while (pins.ContainsKey($"{name}@{version}")) version++;
                pins[$"{name}@{version}"] = old;
            }
            pins[name] = hex;
        }
        File.WriteAllLines(PinFile,
        [
            "# One sample of every Moecraft contract in Orleans' binary format (see PinnedContractBytesTests). Do not edit by hand.",
            .. pins.Select(p => $"{p.Key} {p.Value}"),
        ]);
    }
}
