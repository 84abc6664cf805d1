using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Moecraft.Client;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Api.Auth;

/// <summary>
/// One real silo process for a test class, listening on loopback only (so open local access applies to a request
/// without a credential), with JWT bearer tokens configured, and an HTTP client and an Orleans client to it.
/// </summary>
public sealed class AuthSiloFixture : IAsyncLifetime
{
    public const string JwtIssuer = "moecraft-tests";
    public const string JwtAudience = "moecraft";

    private readonly TempDirectory _data = new("moecraft-auth-silo");

    public byte[] JwtKey { get; } = RandomNumberGenerator.GetBytes(32);

    public SiloProcess Silo { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public MoecraftClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(_data.Path, FreePorts.Take(3),
            $"--Moecraft:Api:Jwt:Issuer={JwtIssuer}",
            $"--Moecraft:Api:Jwt:Audience={JwtAudience}",
            $"--Moecraft:Api:Jwt:SigningKey=base64:{Convert.ToBase64String(JwtKey)}");
        Http = new HttpClient { BaseAddress = Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [Silo.GatewayPort] });
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        Http.Dispose();
        await Silo.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Sends a request with an optional bearer credential (null: none, so open local access as the local admin).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null) request.Content = JsonContent.Create(body);
        return Http.SendAsync(request);
    }
}
