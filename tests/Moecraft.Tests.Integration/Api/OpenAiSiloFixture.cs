using System.ClientModel;
using System.ClientModel.Primitives;
using Moecraft.Api;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;
using OpenAI;

namespace Moecraft.Tests.Api;

/// <summary>One real silo process (embedded SQLite, seeded simulated experts, open local access) shared by the /v1 tests.</summary>
public sealed class OpenAiSiloFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("moecraft-openai");
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public Uri V1 => new(Silo.BaseAddress, "/v1");

    /// <summary>The tenant requests without a credential act as (open local access).</summary>
    public string LocalTenant { get; } = new MoecraftApiOptions().LocalTenant;

    /// <summary>The official SDK as a laptop user points it at the silo: no key is sent, so open local access applies.</summary>
    public OpenAIClient Client(bool sendKey = false)
    {
        var options = new OpenAIClientOptions { Endpoint = V1, NetworkTimeout = TimeSpan.FromSeconds(60) };
        if (!sendKey) options.AddPolicy(new NoAuthorizationHeader(), PipelinePosition.BeforeTransport);
        return new OpenAIClient(new ApiKeyCredential("unused"), options);
    }

    /// <summary>The body limit the silo runs with: small, so the 413 test sends little.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    public async Task InitializeAsync() =>
        _silo = await SiloProcess.StartAsync(_data.Path, FreePorts.Take(3), $"--Moecraft:Api:MaxRequestBodyBytes={MaxRequestBodyBytes}");

    public async Task DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>The SDK always sends its key; a presented key that is not valid is refused, so open local access needs none.</summary>
    private sealed class NoAuthorizationHeader : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Remove("Authorization");
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Remove("Authorization");
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OpenAiSiloCollection : ICollectionFixture<OpenAiSiloFixture>
{
    public const string Name = "OpenAI-compatible silo";
}
