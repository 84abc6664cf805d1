using System.Globalization;

namespace Moecraft.Tests.Deployment;

/// <summary>
/// The cluster invariants docker-compose.yml must hold, checked on the value tree from <see cref="ComposeYaml"/>.
/// Returns one message per violation; an empty list means the file is good.
/// </summary>
internal static class ComposeRules
{
    private static readonly string[] ExpectedSilos = ["silo1", "silo2", "silo3"];
    private static readonly int[] InternalPorts = [11111, 30000];

    /// <param name="document">The parsed compose file.</param>
    /// <param name="repoRoot">The repository root, to check build contexts against.</param>
    /// <param name="resolved">True for <c>docker-compose config</c> output: build contexts are absolute paths there.</param>
    public static List<string> Check(object? document, string repoRoot, bool resolved)
    {
        var errors = new List<string>();
        if (document is not Dictionary<string, object?> top || ComposeYaml.Map(top, "services") is not { } services)
        {
            errors.Add("no top-level 'services' mapping");
            return errors;
        }

        var pgEnv = CheckPostgres(top, services, errors);

        // Which services are silos: everything built from silo/Dockerfile, plus anything named silo*.
        var silos = services
            .Where(kv => kv.Value is Dictionary<string, object?> svc
                && (kv.Key.StartsWith("silo", StringComparison.Ordinal)
                    || ComposeYaml.Str(ComposeYaml.Map(svc, "build"), "dockerfile") == "silo/Dockerfile"))
            .Select(kv => kv.Key)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (!silos.SequenceEqual(ExpectedSilos))
        {
            errors.Add($"silo services must be exactly [{string.Join(", ", ExpectedSilos)}], found [{string.Join(", ", silos)}]");
        }

        var nodeNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var seeders = new List<string>();
        foreach (var name in silos)
        {
            var svc = (Dictionary<string, object?>)services[name]!;
            var env = EnvOf(svc);
            string? Env(string key) => env.GetValueOrDefault(key);

            var build = ComposeYaml.Map(svc, "build");
            if (ComposeYaml.Str(build, "dockerfile") != "silo/Dockerfile")
            {
                errors.Add($"{name}: build.dockerfile must be silo/Dockerfile");
            }

            var context = ComposeYaml.Str(build, "context");
            var contextOk = resolved
                ? context is not null && Path.GetFullPath(context).TrimEnd('/', '\\') == Path.GetFullPath(repoRoot).TrimEnd('/', '\\')
                : context is "." or "./";
            if (!contextOk)
            {
                errors.Add($"{name}: build.context must be the repository root, was '{context}'");
            }

            var nodeName = Env("Moecraft__NodeName");
            if (nodeName != name)
            {
                errors.Add($"{name}: Moecraft__NodeName must be '{name}', was '{nodeName}'");
            }
            else if (!nodeNames.TryAdd(nodeName, name))
            {
                errors.Add($"{name}: Moecraft__NodeName '{nodeName}' duplicates {nodeNames[nodeName]}");
            }

            if (Env("Moecraft__Storage__Provider") != "PostgreSql")
            {
                errors.Add($"{name}: Moecraft__Storage__Provider must be PostgreSql, was '{Env("Moecraft__Storage__Provider")}'");
            }

            CheckConnectionString(name, Env("Moecraft__Storage__ConnectionString"), pgEnv, errors);

            Expect(errors, name, "Moecraft__Endpoints__AdvertisedHost", Env("Moecraft__Endpoints__AdvertisedHost"), name);
            Expect(errors, name, "Moecraft__Endpoints__ListenOnAnyHostAddress", Env("Moecraft__Endpoints__ListenOnAnyHostAddress")?.ToLowerInvariant(), "true");
            Expect(errors, name, "Moecraft__Endpoints__SiloPort", Env("Moecraft__Endpoints__SiloPort"), "11111");
            Expect(errors, name, "Moecraft__Endpoints__GatewayPort", Env("Moecraft__Endpoints__GatewayPort"), "30000");
            // The gateway admits any client without a credential: on the compose network only (its port is never published, below).
            Expect(errors, name, "Moecraft__Endpoints__GatewayOnTrustedNetwork", Env("Moecraft__Endpoints__GatewayOnTrustedNetwork")?.ToLowerInvariant(), "true");
            Expect(errors, name, "ASPNETCORE_URLS", Env("ASPNETCORE_URLS"), "http://+:8080");
            if (string.IsNullOrEmpty(Env("Moecraft__Telemetry__Exporter")))
            {
                errors.Add($"{name}: Moecraft__Telemetry__Exporter is not set");
            }

            if (string.Equals(Env("Moecraft__Seed__Enabled"), "true", StringComparison.OrdinalIgnoreCase))
            {
                seeders.Add(name);
            }

            var dependsOn = ComposeYaml.Map(svc, "depends_on");
            if (ComposeYaml.Str(ComposeYaml.Map(dependsOn, "postgres"), "condition") != "service_healthy")
            {
                errors.Add($"{name}: depends_on postgres must use condition service_healthy");
            }

            var health = HealthTest(svc);
            if ((!health.Contains("curl", StringComparison.Ordinal) && !health.Contains("wget", StringComparison.Ordinal))
                || !health.Contains("http://localhost:8080/health", StringComparison.Ordinal))
            {
                errors.Add($"{name}: healthcheck must fetch http://localhost:8080/health with curl or wget, was '{health}'");
            }
        }

        if (!seeders.SequenceEqual(["silo1"]))
        {
            errors.Add($"Moecraft__Seed__Enabled must be true on silo1 only, was true on [{string.Join(", ", seeders)}]");
        }

        CheckPublishedPorts(services, silos, errors);
        return errors;
    }

    /// <summary>Checks the postgres service and returns its environment (empty when the service is missing).</summary>
    private static Dictionary<string, string> CheckPostgres(
        Dictionary<string, object?> top, Dictionary<string, object?> services, List<string> errors)
    {
        if (ComposeYaml.Map(services, "postgres") is not { } postgres)
        {
            errors.Add("no 'postgres' service");
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (ComposeYaml.Str(postgres, "image") is not { } image || !image.StartsWith("postgres:15", StringComparison.Ordinal))
        {
            errors.Add("postgres: image must be postgres:15");
        }

        if (!HealthTest(postgres).Contains("pg_isready", StringComparison.Ordinal))
        {
            errors.Add("postgres: healthcheck must run pg_isready");
        }

        var named = ComposeYaml.Map(top, "volumes")?.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
        var dataVolume = ComposeYaml.Strings(postgres.GetValueOrDefault("volumes"))
            .Select(v => v.Split(':'))
            .FirstOrDefault(p => p.Length >= 2 && p[1] == "/var/lib/postgresql/data");
        if (dataVolume is null || !named.Contains(dataVolume[0]))
        {
            errors.Add("postgres: /var/lib/postgresql/data must be a named volume declared under top-level 'volumes'");
        }

        return EnvOf(postgres);
    }

    /// <summary>Nothing may publish the silo or gateway port; only silo1 publishes HTTP, as 5080.</summary>
    private static void CheckPublishedPorts(Dictionary<string, object?> services, string[] silos, List<string> errors)
    {
        foreach (var (name, value) in services)
        {
            if (value is not Dictionary<string, object?> svc)
            {
                continue;
            }

            if (ComposeYaml.Str(svc, "network_mode") == "host")
            {
                errors.Add($"{name}: network_mode host would expose every port");
            }

            var mappings = Ports(svc.GetValueOrDefault("ports"), name, errors);
            foreach (var (published, target) in mappings)
            {
                foreach (var port in InternalPorts.Where(p => published.Contains(p) || target.Contains(p)))
                {
                    errors.Add($"{name}: port {port} must not be published");
                }
            }

            if (silos.Contains(name))
            {
                var expected = name == "silo1" ? new[] { "5080->8080" } : [];
                var actual = mappings.Select(m => $"{m.Published}->{m.Target}").ToArray();
                if (!actual.SequenceEqual(expected))
                {
                    errors.Add($"{name}: published ports must be [{string.Join(", ", expected)}], were [{string.Join(", ", actual)}]");
                }
            }
        }
    }

    private static void Expect(List<string> errors, string service, string key, string? actual, string expected)
    {
        if (actual != expected)
        {
            errors.Add($"{service}: {key} must be '{expected}', was '{actual}'");
        }
    }

    private static void CheckConnectionString(string service, string? value, Dictionary<string, string> pgEnv, List<string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add($"{service}: Moecraft__Storage__ConnectionString is not set");
            return;
        }

        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        string? Part(string key) => parts.GetValueOrDefault(key);
        string Pg(string key, string fallback) => pgEnv.GetValueOrDefault(key, fallback);

        Expect(errors, service, "ConnectionString Host", Part("Host"), "postgres");
        Expect(errors, service, "ConnectionString Port", Part("Port") ?? "5432", "5432");
        Expect(errors, service, "ConnectionString Username", Part("Username"), Pg("POSTGRES_USER", "postgres"));
        Expect(errors, service, "ConnectionString Password", Part("Password"), Pg("POSTGRES_PASSWORD", "(POSTGRES_PASSWORD unset)"));
        Expect(errors, service, "ConnectionString Database", Part("Database"), Pg("POSTGRES_DB", Pg("POSTGRES_USER", "postgres")));
    }

    /// <summary>environment as a mapping or as a list of KEY=VALUE.</summary>
    private static Dictionary<string, string> EnvOf(Dictionary<string, object?> service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (service.GetValueOrDefault("environment"))
        {
            case Dictionary<string, object?> map:
                foreach (var (key, value) in map)
                {
                    result[key] = value as string ?? string.Empty;
                }

                break;
            case List<object?> list:
                foreach (var kv in list.OfType<string>().Select(item => item.Split('=', 2)))
                {
                    result[kv[0]] = kv.Length == 2 ? kv[1] : string.Empty;
                }

                break;
        }

        return result;
    }

    private static string HealthTest(Dictionary<string, object?> service) =>
        ComposeYaml.Map(service, "healthcheck")?.GetValueOrDefault("test") switch
        {
            string s => s,
            List<object?> l => string.Join(' ', l.OfType<string>()),
            _ => string.Empty,
        };

    private readonly record struct PortRange(int From, int To)
    {
        public bool Contains(int port) => port >= From && port <= To;

        public override string ToString() => From == To
            ? From.ToString(CultureInfo.InvariantCulture)
            : $"{From}-{To}";
    }

    private readonly record struct PortMapping(PortRange Published, PortRange Target);

    /// <summary>Short ("[ip:]host:container[/proto]", "container") and long (target/published) syntax.</summary>
    private static List<PortMapping> Ports(object? value, string service, List<string> errors)
    {
        var result = new List<PortMapping>();
        if (value is null)
        {
            return result;
        }

        if (value is not List<object?> list)
        {
            errors.Add($"{service}: ports must be a list");
            return result;
        }

        foreach (var item in list)
        {
            try
            {
                switch (item)
                {
                    case string s:
                        var parts = s.Split('/')[0].Split(':');
                        var target = Range(parts[^1]);
                        // A bare container port is published on a random host port: treat it as published as-is.
                        var published = parts.Length >= 2 ? Range(parts[^2]) : target;
                        result.Add(new PortMapping(published, target));
                        break;
                    case Dictionary<string, object?> map:
                        var t = Range(ComposeYaml.Str(map, "target") ?? throw new FormatException("long-syntax port without target"));
                        var p = ComposeYaml.Str(map, "published") is { Length: > 0 } pub ? Range(pub) : t;
                        result.Add(new PortMapping(p, t));
                        break;
                    default:
                        errors.Add($"{service}: unreadable port entry");
                        break;
                }
            }
            catch (FormatException ex)
            {
                errors.Add($"{service}: unreadable port entry '{item}': {ex.Message}");
            }
        }

        return result;
    }

    private static PortRange Range(string text)
    {
        var bounds = text.Trim().Split('-');
        var from = int.Parse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var to = bounds.Length > 1 ? int.Parse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture) : from;
        return new PortRange(from, to);
    }
}
