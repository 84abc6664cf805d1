using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using System.ClientModel;
using System.ClientModel.Primitives;
using Moecraft.Api.Authentication;
using OpenAI;
using OpenAI.Chat;
using Moecraft.Tenants;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Api.Auth;

/// <summary>
/// Keys, tenants, authentication and limits against the real silo process on loopback: the operator (open local access)
/// creates tenants and keys over /moecraft and from the CLI; keys then act as their tenants, within their limits.
/// </summary>
public sealed class AuthenticationProcessTests(AuthSiloFixture fixture) : IClassFixture<AuthSiloFixture>
{
    [Fact]
    public async Task An_operator_issues_a_key_over_http_and_the_key_acts_as_its_tenant_without_admin_rights()
    {
        var tenant = await CreateTenantAsync();
        var created = await fixture.SendAsync(HttpMethod.Post, "/moecraft/keys", body: new { tenant, name = "ci", requestsPerMinute = 100 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await Json(created);
        var key = issued.GetProperty("key").GetString()!;
        var id = issued.GetProperty("settings").GetProperty("id").GetString()!;
        Assert.True(ApiKeyGenerator.HasFormat(key));

        var whoami = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key);
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        var me = await Json(whoami);
        Assert.Equal(tenant, me.GetProperty("tenant").GetString());
        Assert.False(me.GetProperty("admin").GetBoolean());
        Assert.Equal("api-key", me.GetProperty("authentication").GetString());
        Assert.Equal(id, me.GetProperty("keyId").GetString());
        Assert.Equal(100, me.GetProperty("requests").GetProperty("limit").GetInt32());
        Assert.Equal("100", Header(whoami, "x-ratelimit-limit-requests"));
        Assert.Equal("99", Header(whoami, "x-ratelimit-remaining-requests"));
        Assert.False(whoami.Headers.Contains("x-ratelimit-limit-tokens"));

        var forbidden = await fixture.SendAsync(HttpMethod.Get, $"/moecraft/keys?tenant={tenant}", key);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType!.MediaType);
        Assert.Equal("forbidden", (await Json(forbidden)).GetProperty("code").GetString());
        Assert.NotNull(Header(forbidden, "x-ratelimit-remaining-requests")); // on every authenticated response

        var listed = await fixture.SendAsync(HttpMethod.Get, $"/moecraft/keys?tenant={tenant}");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var text = await listed.Content.ReadAsStringAsync();
        Assert.Contains(id, text);
        Assert.DoesNotContain(key, text); // shown once: only by create
        Assert.DoesNotContain(ApiKeys.Hash(key), text);
    }

    [Fact]
    public async Task An_admin_key_has_the_operator_s_rights()
    {
        var tenant = await CreateTenantAsync();
        var key = await IssueKeyAsync(tenant, new { tenant, name = "ops", admin = true });

        var me = await Json(await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key));
        Assert.True(me.GetProperty("admin").GetBoolean());
        var tenants = await fixture.SendAsync(HttpMethod.Get, "/moecraft/tenants", key);
        Assert.Equal(HttpStatusCode.OK, tenants.StatusCode);
        Assert.Contains((await Json(tenants)).EnumerateArray(), t => t.GetProperty("id").GetString() == tenant);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_with_401_from_the_next_request_on()
    {
        var tenant = await CreateTenantAsync();
        var key = await IssueKeyAsync(tenant, new { tenant, name = "short-lived" });
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key)).StatusCode);
        var id = ApiKeys.IdOf(ApiKeys.Hash(key));

        var revoked = await fixture.SendAsync(HttpMethod.Delete, $"/moecraft/keys/{id}?tenant={tenant}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        var refused = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid_api_key", (await Json(refused)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.SendAsync(HttpMethod.Delete, $"/moecraft/keys/{id}?tenant={tenant}")).StatusCode);
    }

    [Theory]
    [InlineData("mc-0123456789ABCDEFGHIJabcdefghij0123456789")]
    [InlineData("garbage")]
    [InlineData("a key with spaces")]
    [InlineData("x.y.z")]
    public async Task A_garbage_credential_is_refused_with_401_even_from_loopback(string credential)
    {
        var response = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", credential);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await Json(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("invalid_api_key", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Another_authorization_scheme_is_refused_and_no_credential_from_loopback_is_the_local_admin()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/moecraft/whoami");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.SendAsync(request)).StatusCode);

        var local = await Json(await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami"));
        Assert.Equal("local", local.GetProperty("tenant").GetString());
        Assert.True(local.GetProperty("admin").GetBoolean());
        Assert.Equal("local", local.GetProperty("authentication").GetString());

        // Behind a proxy on the same machine the caller is not local.
        var forwarded = new HttpRequestMessage(HttpMethod.Get, "/moecraft/whoami");
        forwarded.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.SendAsync(forwarded)).StatusCode);
    }

    [Fact]
    public async Task Over_its_request_limit_a_key_gets_429_with_retry_after_and_rate_limit_headers()
    {
        var tenant = await CreateTenantAsync();
        var key = await IssueKeyAsync(tenant, new { tenant, name = "slow", requestsPerMinute = 2 });

        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key)).StatusCode);
        var limited = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal("2", Header(limited, "x-ratelimit-limit-requests"));
        Assert.Equal("0", Header(limited, "x-ratelimit-remaining-requests"));
        Assert.EndsWith("s", Header(limited, "x-ratelimit-reset-requests"));
        var problem = await Json(limited);
        Assert.Equal("rate_limit_exceeded", problem.GetProperty("code").GetString());
        Assert.Contains("requests per minute", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Tokens_reported_through_the_usage_hook_hold_the_key_at_429_until_its_token_bucket_refills()
    {
        var tenant = await CreateTenantAsync();
        var key = await IssueKeyAsync(tenant, new { tenant, name = "tpm", requestsPerMinute = 100, tokensPerMinute = 600 });
        var first = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key);
        Assert.Equal("600", Header(first, "x-ratelimit-limit-tokens"));
        Assert.Equal("600", Header(first, "x-ratelimit-remaining-tokens"));

        // What the /v1 endpoint does after an answer: KeyUsage.RecordAsync with the request's context.
        var usage = new KeyUsage(fixture.Client.Cluster, NullLogger<KeyUsage>.Instance);
        var context = new DefaultHttpContext
        {
            User = MoecraftClaims.Principal("test", MoecraftClaims.ApiKeyMethod, tenant, admin: false, "tpm", ApiKeys.Hash(key), ApiKeys.IdOf(ApiKeys.Hash(key))),
        };
        await usage.RecordAsync(context, 900);

        var limited = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("0", Header(limited, "x-ratelimit-remaining-tokens"));
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31)); // 301 tokens at 10 a second
        Assert.Contains("tokens per minute", (await Json(limited)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_OpenAI_SDK_sees_a_key_over_its_request_limit_as_a_429_with_retry_after_and_rate_limit_headers()
    {
        var tenant = await CreateTenantAsync();
        var key = await IssueKeyAsync(tenant, new { tenant, name = "sdk-rpm", requestsPerMinute = 1 });
        var chat = Sdk(key);

        var first = await chat.CompleteChatAsync([new UserChatMessage("Say hello")]);
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Say hello again")]));

        Assert.False(string.IsNullOrEmpty(first.Value.Content[0].Text));
        Assert.Equal(429, refused.Status);
        var raw = refused.GetRawResponse()!;
        Assert.True(raw.Headers.TryGetValue("Retry-After", out var retryAfter) && int.Parse(retryAfter!, CultureInfo.InvariantCulture) >= 1);
        Assert.True(raw.Headers.TryGetValue("x-ratelimit-limit-requests", out var limit) && limit == "1");
        Assert.Contains("rate_limit_exceeded", raw.Content.ToString());
    }

    [Fact]
    public async Task The_tokens_of_a_chat_completion_count_against_its_keys_token_limit()
    {
        var tenant = await CreateTenantAsync();
        var key = await IssueKeyAsync(tenant, new { tenant, name = "sdk-tpm", requestsPerMinute = 100, tokensPerMinute = 5 });
        var chat = Sdk(key);

        var answered = await chat.CompleteChatAsync([new UserChatMessage("Explain top-k routing in two sentences")]);
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("And again")]));

        Assert.True(answered.Value.Usage.TotalTokenCount > 5, $"{answered.Value.Usage.TotalTokenCount} tokens");
        Assert.Equal(429, refused.Status);
        Assert.Contains("tokens per minute", refused.GetRawResponse()!.Content.ToString());
    }

    [Fact]
    public async Task The_OpenAI_SDK_sees_an_exhausted_budget_as_a_429_insufficient_quota_and_nothing_is_charged()
    {
        var tenant = TestTenantId();
        var created = await fixture.SendAsync(HttpMethod.Post, "/moecraft/tenants", body: new { id = tenant, budget = 0.000001 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await IssueKeyAsync(tenant, new { tenant, name = "sdk-budget" });

        var refused = await Assert.ThrowsAsync<ClientResultException>(() => Sdk(key).CompleteChatAsync([new UserChatMessage("Say hello")]));

        Assert.Equal(429, refused.Status);
        Assert.Contains("insufficient_quota", refused.GetRawResponse()!.Content.ToString());
        var usage = await fixture.Client.Cluster.GetGrain<ITenantGrain>(tenant).GetUsage();
        Assert.Equal((0m, 0m), (usage.Spent, usage.Reserved));
    }

    /// <summary>The official SDK with the key, and without its own retries, so a 429 reaches the test as the SDK raises it.</summary>
    private ChatClient Sdk(string key) =>
        new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(fixture.Silo.BaseAddress, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient("moecraft/auto");

    [Fact]
    public async Task Bad_input_to_tenants_and_keys_is_a_clear_problem_and_changes_nothing()
    {
        var tenant = await CreateTenantAsync();
        var noBudget = await fixture.SendAsync(HttpMethod.Post, "/moecraft/tenants", body: new { id = TestTenantId() });
        Assert.Equal(HttpStatusCode.BadRequest, noBudget.StatusCode);
        Assert.Contains("budget", (await Json(noBudget)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.SendAsync(HttpMethod.Post, "/moecraft/tenants", body: new { id = tenant, budget = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.SendAsync(HttpMethod.Post, "/moecraft/tenants", body: new { id = TestTenantId(), budget = 5, period = "weekly" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.SendAsync(HttpMethod.Post, "/moecraft/keys", body: new { tenant, name = "zero", requestsPerMinute = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.SendAsync(HttpMethod.Post, "/moecraft/keys", body: new { tenant })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.SendAsync(HttpMethod.Post, "/moecraft/keys", body: new { tenant = TestTenantId(), name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.SendAsync(HttpMethod.Patch, $"/moecraft/tenants/{tenant}", body: new { qualityTarget = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.SendAsync(HttpMethod.Patch, $"/moecraft/tenants/{TestTenantId()}", body: new { budget = 3 })).StatusCode);

        var view = await Json(await fixture.SendAsync(HttpMethod.Get, $"/moecraft/tenants/{tenant}"));
        Assert.Equal(10m, view.GetProperty("budget").GetDecimal());
        Assert.Equal(0.7, view.GetProperty("qualityTarget").GetDouble());
        Assert.Equal(0, view.GetProperty("keys").GetInt32());

        var changed = await fixture.SendAsync(HttpMethod.Put, $"/moecraft/tenants/{tenant}", body: new { budget = 12.5, period = "daily" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await Json(changed);
        Assert.Equal((12.5m, "daily"), (after.GetProperty("budget").GetDecimal(), after.GetProperty("period").GetString()));
    }

    [Fact]
    public async Task A_jwt_names_its_tenant_and_role_and_a_forged_or_expired_one_is_refused()
    {
        var tenant = TestTenantId();
        var admin = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", Jwt(fixture.JwtKey, tenant, admin: true));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var me = await Json(admin);
        Assert.Equal((tenant, true, "jwt"), (me.GetProperty("tenant").GetString(), me.GetProperty("admin").GetBoolean(), me.GetProperty("authentication").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(HttpMethod.Get, "/moecraft/tenants", Jwt(fixture.JwtKey, tenant, admin: true))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.SendAsync(HttpMethod.Get, "/moecraft/tenants", Jwt(fixture.JwtKey, tenant, admin: false))).StatusCode);

        var forged = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", Jwt(new byte[32], tenant, admin: true));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var expired = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", Jwt(fixture.JwtKey, tenant, admin: false, expires: DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", (await Json(expired)).GetProperty("detail").GetString());
        var noTenant = await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", Jwt(fixture.JwtKey, tenant: null, admin: false));
        Assert.Equal(HttpStatusCode.Unauthorized, noTenant.StatusCode);
    }

    [Fact]
    public async Task Tenants_and_keys_through_the_cli_and_the_cli_s_key_authenticates_over_http()
    {
        var port = fixture.Silo.GatewayPort.ToString(CultureInfo.InvariantCulture);
        var tenant = TestTenantId();

        var created = await Cli(port, "tenants", "create", tenant, "--budget", "7.5", "--period", "daily", "--policy", "cascade:2");
        Assert.Contains($"Tenant '{tenant}' created: budget 7.5 daily", created.Output);
        var set = await Cli(port, "tenants", "set", tenant, "--budget", "9");
        Assert.Contains("budget 9 daily", set.Output);
        Assert.Contains("policy cascade:2", set.Output);
        var list = await Cli(port, "tenants");
        Assert.Contains(tenant, list.Output);

        var issued = await Cli(port, "keys", "create", "--tenant", tenant, "--name", "laptop", "--rpm", "30", "--tpm", "20000");
        Assert.Contains("30 requests/min, 20,000 tokens/min", issued.Output);
        Assert.Contains("shown only this once", issued.Output);
        var key = issued.Output.Split('\n', StringSplitOptions.TrimEntries).Single(ApiKeyGenerator.HasFormat);
        var id = ApiKeys.IdOf(ApiKeys.Hash(key));
        var me = await Json(await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key));
        Assert.Equal(tenant, me.GetProperty("tenant").GetString());

        var keys = await Cli(port, "keys", "--tenant", tenant);
        Assert.Contains(id, keys.Output);
        Assert.Contains("laptop", keys.Output);
        Assert.DoesNotContain(key, keys.Output);

        var revoked = await Cli(port, "keys", "revoke", id, "--tenant", tenant);
        Assert.Contains($"API key {id} 'laptop' of tenant '{tenant}' revoked", revoked.Output);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.SendAsync(HttpMethod.Get, "/moecraft/whoami", key)).StatusCode);

        var again = await DotnetCommand.CliAsync("--gateway-port", port, "keys", "revoke", id, "--tenant", tenant);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("has no API key", again.Error);
        var badPeriod = await DotnetCommand.CliAsync("--gateway-port", port, "tenants", "create", TestTenantId(), "--budget", "1", "--period", "weekly");
        Assert.Equal(2, badPeriod.ExitCode);
        var badRpm = await DotnetCommand.CliAsync("--gateway-port", port, "keys", "create", "--tenant", tenant, "--name", "x", "--rpm", "0");
        Assert.Equal(2, badRpm.ExitCode); // a usage error, found before the cluster is asked
        Assert.Contains("--rpm must be a whole number of at least 1", badRpm.Error);
        Assert.Contains("has no API keys", (await Cli(port, "keys", "list", "--tenant", tenant)).Output);
    }

    private static string TestTenantId() => $"auth-{Guid.NewGuid():n}"[..20];

    private async Task<string> CreateTenantAsync()
    {
        var tenant = TestTenantId();
        var response = await fixture.SendAsync(HttpMethod.Post, "/moecraft/tenants", body: new { id = tenant, budget = 10 });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{fixture.Silo.Output}");
        return tenant;
    }

    private async Task<string> IssueKeyAsync(string tenant, object body)
    {
        var response = await fixture.SendAsync(HttpMethod.Post, "/moecraft/keys", body: body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var issued = await Json(response);
        Assert.Equal(tenant, issued.GetProperty("tenant").GetString());
        return issued.GetProperty("key").GetString()!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static string Jwt(byte[] key, string? tenant, bool admin, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "alice" };
        if (tenant is not null) claims["tenant"] = tenant;
        if (admin) claims["roles"] = new[] { "reader", MoecraftClaims.AdminRole };
        var notBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthSiloFixture.JwtIssuer,
            Audience = AuthSiloFixture.JwtAudience,
            Claims = claims,
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<DotnetCommand.Result> Cli(string port, params string[] arguments)
    {
        var run = await DotnetCommand.CliAsync(["--gateway-port", port, .. arguments]);
        Assert.True(run.ExitCode == 0, $"moecraft {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Error}");
        return run;
    }
}
