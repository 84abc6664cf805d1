using System.Collections.Immutable;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moecraft.Api;
using Moecraft.Api.OpenAi;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Tests.Api;

/// <summary>The silo's cached model catalog over a fake cluster: what it lists, when it reads the cluster again.</summary>
public sealed class OpenAiModelCatalogTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly List<string> _directory = ["extra"];
    private readonly Dictionary<string, ImmutableArray<RosterSlot>> _rosters = new()
    {
        ["extra"] = [new RosterSlot(0, "a", true), new RosterSlot(1, "b", false), new RosterSlot(2, "c", true)],
    };
    private readonly Dictionary<string, ExpertStatus> _experts = new() { ["a"] = ExpertStatus.Active, ["b"] = ExpertStatus.Active, ["c"] = ExpertStatus.Cooling };
    private int _directoryReads;
    private TaskCompletionSource? _gate;

    private OpenAiModelCatalog Catalog() => new(
        FakeGrains.Factory(Grain), Options.Create(new MoecraftApiOptions { DefaultRouter = "default" }), _time, NullLogger<OpenAiModelCatalog>.Instance);

    [Fact]
    public async Task The_default_router_is_listed_before_the_directory_knows_it_and_only_active_experts_on_active_slots_are_models()
    {
        var snapshot = await Catalog().GetAsync(CancellationToken.None);

        Assert.Equal(["default", "extra"], snapshot.Routers.ToArray());
        var expert = Assert.Single(snapshot.Experts.Values);
        Assert.Equal(("a", "extra", BackendKind.Simulated, ExpertTier.Local), (expert.Id, expert.RouterId, expert.Backend, expert.Tier));
    }

    [Fact]
    public async Task The_catalog_is_read_again_only_after_its_interval_and_a_stale_one_answers_while_it_refreshes()
    {
        var catalog = Catalog();
        await catalog.GetAsync(CancellationToken.None);
        await catalog.GetAsync(CancellationToken.None);
        Assert.Equal(1, _directoryReads);

        _directory.Add("later");
        _time.Advance(OpenAiModelCatalog.RefreshInterval);
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stale = await catalog.GetAsync(CancellationToken.None);
        Assert.DoesNotContain("later", stale.Routers);
        Assert.Equal(2, _directoryReads);

        // A miss waits for the refresh already running instead of starting another.
        var resolving = catalog.ResolveAsync("later", null, CancellationToken.None);
        Assert.False(resolving.IsCompleted);
        _gate.SetResult();
        Assert.Equal("later", (await resolving).RouterId);
        Assert.Equal(2, _directoryReads);
    }

    [Fact]
    public async Task A_model_not_in_the_catalog_refreshes_it_early_once_a_second()
    {
        var catalog = Catalog();
        await catalog.GetAsync(CancellationToken.None);
        _rosters["extra"] = _rosters["extra"].Add(new RosterSlot(3, "d", true));
        _experts["d"] = ExpertStatus.Active;

        // Within a second of the last read the catalog is not read again: a miss stays a 404.
        var refused = await Assert.ThrowsAsync<OpenAiRequestException>(() => catalog.ResolveAsync("d", null, CancellationToken.None));
        Assert.Equal(404, refused.Failure.Status);

        _time.Advance(OpenAiModelCatalog.MinimumRefreshInterval);
        var route = await catalog.ResolveAsync("d", null, CancellationToken.None);

        Assert.Equal(("extra", "d"), (route.RouterId, route.Policy!.FixedExpert));
    }

    private object Grain(Type type, string key)
    {
        if (type == typeof(IRouterDirectoryGrain))
            return FakeGrains.Of<IRouterDirectoryGrain>(method => method switch
            {
                nameof(IRouterDirectoryGrain.GetRouters) => ReadAsync(),
                _ => throw new NotSupportedException(method),
            });
        if (type == typeof(IRouterLayerGrain))
            return FakeGrains.Of<IRouterLayerGrain>(method => method switch
            {
                nameof(IRouterLayerGrain.GetSnapshot) => _rosters.TryGetValue(key, out var slots)
                    ? Task.FromResult(new RouterSnapshot(key, RouterConfiguration.Default, slots, 1, 0))
                    : Task.FromException<RouterSnapshot>(new InvalidOperationException($"Router '{key}' is not configured.")),
                _ => throw new NotSupportedException(method),
            });
        if (type == typeof(IExpertGrain))
            return FakeGrains.Of<IExpertGrain>(method => method switch
            {
                nameof(IExpertGrain.GetSnapshot) => Task.FromResult(new ExpertSnapshot(
                    new ExpertDefinition(key, BackendKind.Simulated, "m", null, new ExpertPricing(0m, 0m), ExpertTier.Local, [], null),
                    _experts[key], ExpertCounters.Zero)),
                _ => throw new NotSupportedException(method),
            });
        throw new NotSupportedException(type.Name);
    }

    // With a gate, the directory answers only when the test opens it: a refresh is still running while the caller reads.
    private async Task<ImmutableArray<string>> ReadAsync()
    {
        _directoryReads++;
        var routers = _directory.ToImmutableArray();
        if (_gate is { } gate) await gate.Task;
        return routers;
    }
}

/// <summary>Grain references made of delegates (by method name), for code that only reads a few grains.</summary>
public class FakeGrains : DispatchProxy
{
    // Not sealed: DispatchProxy derives the proxy type from this class.
    private Func<MethodInfo, object?[]?, object?>? _invoke;

    public static IGrainFactory Factory(Func<Type, string, object> grain) =>
        Create<IGrainFactory>((method, args) => method.Name == nameof(IGrainFactory.GetGrain) && method.IsGenericMethod && args?[0] is string key
            ? grain(method.GetGenericArguments()[0], key)
            : throw new NotSupportedException(method.Name));

    public static T Of<T>(Func<string, object> call) where T : class => Create<T>((method, _) => call(method.Name));

    private static T Create<T>(Func<MethodInfo, object?[]?, object?> invoke) where T : class
    {
        var proxy = Create<T, FakeGrains>();
        ((FakeGrains)(object)proxy)._invoke = invoke;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _invoke!(targetMethod ?? throw new ArgumentNullException(nameof(targetMethod)), args);
}
