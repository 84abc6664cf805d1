using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Experts.Replay;
using Moecraft.Experts.Resilience;
using Moecraft.Experts.Simulated;
using static Moecraft.Tests.Backends.BackendTestExperts;

namespace Moecraft.Tests.Backends;

/// <summary>Validation of call policies and backend fields, and how the factory builds each backend kind.</summary>
public sealed class ExpertCallPolicyTests
{
    private static readonly ExpertDefinition Simulated =
        new("sim", BackendKind.Simulated, "sim-model", Endpoint: null, ExpertPricing.Free, ExpertTier.Local, ["chat"], SimulationSettings.Default);

    public static TheoryData<ExpertCallPolicy> BadPolicies() =>
    [
        ExpertCallPolicy.Default with { ConnectTimeout = TimeSpan.Zero },
        ExpertCallPolicy.Default with { FirstTokenTimeout = TimeSpan.FromSeconds(-1) },
        ExpertCallPolicy.Default with { TotalTimeout = TimeSpan.FromDays(2) },
        ExpertCallPolicy.Default with { ConnectTimeout = TimeSpan.FromSeconds(40) },
        ExpertCallPolicy.Default with { FirstTokenTimeout = TimeSpan.FromMinutes(3) },
        ExpertCallPolicy.Default with { MaxRetries = -1 },
        ExpertCallPolicy.Default with { MaxRetries = ExpertCallPolicy.MaxRetriesLimit + 1 },
        ExpertCallPolicy.Default with { BaseBackoff = TimeSpan.FromMilliseconds(-1) },
        ExpertCallPolicy.Default with { FailuresToOpen = 0 },
        ExpertCallPolicy.Default with { OpenDuration = TimeSpan.Zero },
        ExpertCallPolicy.Default with { IdleTimeout = TimeSpan.Zero },
        ExpertCallPolicy.Default with { IdleTimeout = TimeSpan.FromMinutes(3) },
    ];

    [Fact]
    public void An_idle_timeout_is_optional_and_valid_up_to_the_total_timeout()
    {
        Assert.Null(ExpertCallPolicy.Default.IdleTimeout);
        var policy = ExpertCallPolicy.Default with { IdleTimeout = ExpertCallPolicy.Default.TotalTimeout };
        Assert.Same(policy, ExpertDefinitionValidator.Validate(policy));
    }

    [Fact]
    public void The_default_policy_is_valid_and_used_when_none_is_given()
    {
        Assert.Same(ExpertCallPolicy.Default, ExpertDefinitionValidator.Validate(ExpertCallPolicy.Default));
        Assert.Same(ExpertCallPolicy.Default, Simulated.EffectiveCallPolicy);
    }

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void Bad_policies_are_rejected(ExpertCallPolicy policy)
    {
        Assert.Throws<ArgumentException>(() => ExpertDefinitionValidator.Validate(policy));
        Assert.Throws<ArgumentException>(() => ExpertDefinitionValidator.Validate(Simulated with { CallPolicy = policy }));
    }

    [Theory]
    [InlineData(BackendKind.Ollama, null)]
    [InlineData(BackendKind.Ollama, "localhost:11434")]
    [InlineData(BackendKind.Ollama, "ftp://models.example/")]
    [InlineData(BackendKind.OpenAiCompatible, "/v1")]
    [InlineData(BackendKind.Simulated, "http://localhost:11434/")]
    public void Endpoints_must_fit_the_backend(BackendKind backend, string? endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() => ExpertDefinitionValidator.Validate(Simulated with { Backend = backend, Endpoint = endpoint }));
        Assert.Contains("endpoint", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(BackendKind.OpenAiCompatible, "sk-live-not-a-variable-name!")]
    [InlineData(BackendKind.OpenAiCompatible, "1KEY")]
    [InlineData(BackendKind.Ollama, "OPENAI_API_KEY")]
    public void Api_key_variables_must_be_variable_names_on_openai_compatible_backends(BackendKind backend, string variable)
    {
        var definition = Simulated with { Backend = backend, Endpoint = "http://localhost:8000/v1", ApiKeyVariable = variable };
        Assert.Throws<ArgumentException>(() => ExpertDefinitionValidator.Validate(definition));
    }

    [Fact]
    public void Definitions_with_equal_policies_are_equal()
    {
        var a = OpenAi("x", "http://localhost:8000/v1", FastPolicy(), "OPENAI_API_KEY");
        var b = OpenAi("x", "http://localhost:8000/v1", FastPolicy(), "OPENAI_API_KEY");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { CallPolicy = FastPolicy(maxRetries: 0) });
        Assert.NotEqual(a, b with { ApiKeyVariable = "OTHER_KEY" });
    }

    [Fact]
    public void Every_backend_is_built_behind_the_resilient_client()
    {
        var factory = new ExpertBackendFactory(TimeProvider.System);

        using var simulated = factory.Create(Simulated);
        using var ollama = factory.Create(Ollama("o", "http://localhost:11434"));

        Assert.Equal("sim", Assert.IsType<ResilientChatClient>(simulated).ExpertId);
        Assert.NotNull(simulated.GetService<SimulatedChatClient>());
        Assert.Same(ExpertCallPolicy.Default, Assert.IsType<ResilientChatClient>(ollama).Policy);
    }

    [Fact]
    public async Task The_simulated_backend_streams_through_the_wrapper()
    {
        using var client = new ExpertBackendFactory(TimeProvider.System).Create(Simulated);

        var (updates, error) = await StreamAsync(client, "stream me");
        var whole = await AskAsync(client, "stream me");

        Assert.Null(error);
        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public void Replay_experts_need_a_loaded_dataset()
    {
        var replay = Simulated with { Id = "replayed", Backend = BackendKind.Replay, Simulation = null };

        var error = Assert.Throws<InvalidOperationException>(() => new ExpertBackendFactory(TimeProvider.System).Create(replay));
        Assert.Contains("no replay dataset is loaded", error.Message);

        var source = new RecordingReplaySource();
        using var client = new ExpertBackendFactory(TimeProvider.System, source).Create(replay);
        Assert.IsType<ResilientChatClient>(client);
        Assert.Equal(replay, Assert.Single(source.Created));
    }

    private sealed class RecordingReplaySource : IReplayChatClientSource
    {
        public List<ExpertDefinition> Created { get; } = [];

        public IChatClient Create(ExpertDefinition definition)
        {
            Created.Add(definition);
            return new SimulatedChatClient(definition.Model, SimulationSettings.Default);
        }
    }
}
