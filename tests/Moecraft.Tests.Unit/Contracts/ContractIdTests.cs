using System.Reflection;

namespace Moecraft.Tests.Contracts;

/// <summary>
/// SPEC 2.1: every member of every contract carries an explicit <c>[Id]</c>. Without one a positional record's member takes
/// its parameter's position, so reordering the parameters would silently read stored state into the wrong members, and a
/// class's property without one is not stored at all.
/// </summary>
public sealed class ContractIdTests
{
    [Fact]
    public void The_catalog_finds_the_contracts_of_every_layer()
    {
        var names = ContractCatalog.Types.Select(ContractCatalog.Name).ToHashSet();

        Assert.Contains("Moecraft.Kernel.RegionClaim", names); // grains.interfaces
        Assert.Contains("Moecraft.Kernel.KeeperState", names); // grain state in Moecraft.Grains
        Assert.True(ContractCatalog.Types.Count > 100, $"only {ContractCatalog.Types.Count} contracts found");
    }

    [Fact]
    public void Every_member_of_every_contract_carries_an_explicit_id()
    {
        // An enum is serialized as its value; its members need no ids.
        var missing = ContractCatalog.Types.Where(type => !type.IsEnum).SelectMany(MembersWithoutId).ToList();

        Assert.True(missing.Count == 0,
            $"{missing.Count} contract members have no [Id]; give each the id it has today (a positional parameter: [Id(n)] with n its " +
            $"position, which keeps the stored bytes the same), and new members the next unused id:\n  " + string.Join("\n  ", missing));
    }

    private static IEnumerable<string> MembersWithoutId(Type type)
    {
        var parameters = ContractCatalog.PrimaryConstructor(type)?.GetParameters() ?? [];
        foreach (var field in ContractCatalog.DataFields(type))
        {
            var property = BackedProperty(type, field);
            var name = property?.Name ?? field.Name;
            var hasId = field.GetCustomAttribute<IdAttribute>() is not null
                || property?.GetCustomAttribute<IdAttribute>() is not null
                || parameters.Any(p => p.Name == name && p.GetCustomAttribute<IdAttribute>() is not null);
            if (!hasId) yield return $"{ContractCatalog.Name(type)}.{name}";
        }
    }

    private static PropertyInfo? BackedProperty(Type type, FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.EndsWith(">k__BackingField", StringComparison.Ordinal)
            ? type.GetProperty(field.Name[1..field.Name.IndexOf('>')], BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            : null;
}
