using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Moecraft.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for tests: a fresh cluster in its own temp directory, trust auth for
/// the <c>postgres</c> superuser, a free loopback port and fsync off. Disposing stops it and deletes
/// the directory. Needs the PostgreSQL server binaries (initdb, pg_ctl) on the machine.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private const string MissingBinariesMessage =
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package 'postgresql' (apt-get install postgresql)";

    private const int StartAttempts = 3;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);

    private readonly string _pgCtl;
    private readonly string _rootDirectory;
    private readonly string _dataDirectory;
    private readonly bool _runAsPostgresUser;
    private readonly SemaphoreSlim _createDatabaseGate = new(1, 1);
    private readonly List<string> _connectionStrings = [];
    private int _disposed;

    private PostgresServer(string pgCtl, string rootDirectory, bool runAsPostgresUser, int port)
    {
        _pgCtl = pgCtl;
        _rootDirectory = rootDirectory;
        _dataDirectory = Path.Combine(rootDirectory, "data");
        _runAsPostgresUser = runAsPostgresUser;
        Port = port;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Connection string for <paramref name="database"/> on this server as the superuser.</summary>
    public string ConnectionStringFor(string database) => string.Create(
        CultureInfo.InvariantCulture,
        $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database};Pooling=true;Maximum Pool Size=50");

    /// <summary>Creates a cluster in a new temp directory and starts a server on a free loopback port.</summary>
    /// <exception cref="InvalidOperationException">
    /// The binaries are missing, or initdb / pg_ctl failed (the message carries their output and the server log tail).
    /// </exception>
    public static async Task<PostgresServer> StartAsync()
    {
        var (initDb, pgCtl) = FindBinaries();
        var runAsPostgresUser = IsRoot();
        var rootDirectory = CreateRootDirectory(runAsPostgresUser);
        try
        {
            var dataDirectory = Path.Combine(rootDirectory, "data");
            var socketDirectory = Path.Combine(rootDirectory, "sock");
            var logFile = Path.Combine(rootDirectory, "server.log");
            Directory.CreateDirectory(socketDirectory);

            // initdb and the server refuse to run as root; hand the directory to the postgres user.
            if (runAsPostgresUser)
            {
                await RunCheckedAsync(null, "chown", ["-R", SuperUser, rootDirectory]).ConfigureAwait(false);
            }

            await RunCheckedAsync(
                runAsPostgresUser ? SuperUser : null,
                initDb,
                ["-D", dataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                rootDirectory).ConfigureAwait(false);

            // The free port is only free when probed; another process may take it first, so retry on a new one.
            var failures = new StringBuilder();
            for (var attempt = 1; attempt <= StartAttempts; attempt++)
            {
                var port = FindFreeLoopbackPort();
                var serverOptions = string.Create(
                    CultureInfo.InvariantCulture,
                    $"-p {port} -k \"{socketDirectory}\" -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200");
                var start = await RunAsync(
                    runAsPostgresUser ? SuperUser : null,
                    pgCtl,
                    ["-D", dataDirectory, "-o", serverOptions, "-l", logFile, "-w", "-t", "60", "start"],
                    rootDirectory).ConfigureAwait(false);

                if (start.ExitCode == 0)
                {
                    var server = new PostgresServer(pgCtl, rootDirectory, runAsPostgresUser, port);
                    try
                    {
                        await server.WaitUntilAcceptingAsync().ConfigureAwait(false);
                        return server;
                    }
                    catch
                    {
                        await server.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                }

                failures.AppendLine(CultureInfo.InvariantCulture, $"attempt {attempt} on port {port}: pg_ctl exited {start.ExitCode}: {start.Output.Trim()}");
            }

            throw new InvalidOperationException(
                $"PostgreSQL server did not start after {StartAttempts} attempts.{Environment.NewLine}{failures}"
                + $"Server log tail ({logFile}):{Environment.NewLine}{ReadTail(logFile)}");
        }
        catch
        {
            TryDeleteDirectory(rootDirectory);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a pooled connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        // CREATE DATABASE copies template1 and fails if another copy is in flight, so one at a time.
        await _createDatabaseGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString());
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);

            var connectionString = ConnectionStringFor(name);
            lock (_connectionStrings)
            {
                _connectionStrings.Add(connectionString);
            }

            return connectionString;
        }
        finally
        {
            _createDatabaseGate.Release();
        }
    }

    /// <summary>Stops the server immediately (no checkpoint: the data is thrown away) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Idle pooled connections would otherwise outlive the server as broken sockets.
        string[] connectionStrings;
        lock (_connectionStrings)
        {
            connectionStrings = [.. _connectionStrings];
        }

        foreach (var connectionString in connectionStrings)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        var stop = await RunAsync(
            _runAsPostgresUser ? SuperUser : null,
            _pgCtl,
            ["-D", _dataDirectory, "-m", "immediate", "-w", "-t", "60", "stop"],
            _rootDirectory).ConfigureAwait(false);

        // Deleting the data directory under a live server would leave a stray process behind; report it instead.
        if (stop.ExitCode != 0 && File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            throw new InvalidOperationException(
                $"pg_ctl stop exited {stop.ExitCode} and the server in {_dataDirectory} may still run: {stop.Output.Trim()}");
        }

        TryDeleteDirectory(_rootDirectory);
        _createDatabaseGate.Dispose();
    }

    // Unpooled, so maintenance connections to the postgres database never linger.
    private string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(ConnectionStringFor("postgres")) { Pooling = false }.ConnectionString;

    private async Task WaitUntilAcceptingAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync().ConfigureAwait(false);
    }

    private static (string InitDb, string PgCtl) FindBinaries()
    {
        var suffix = OperatingSystem.IsWindows() ? ".exe" : string.Empty;
        foreach (var directory in CandidateBinDirectories())
        {
            var initDb = Path.Combine(directory, "initdb" + suffix);
            var pgCtl = Path.Combine(directory, "pg_ctl" + suffix);
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return (ResolveLinks(initDb), ResolveLinks(pgCtl));
            }
        }

        throw new InvalidOperationException(MissingBinariesMessage);
    }

    // PATH first, then Debian's versioned install directories, newest major version first.
    private static IEnumerable<string> CandidateBinDirectories()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return directory;
        }

        const string DebianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(DebianRoot))
        {
            yield break;
        }

        var versions = Directory.GetDirectories(DebianRoot)
            .Select(directory => (Directory: directory, Version: ParseVersion(Path.GetFileName(directory))))
            .OrderByDescending(entry => entry.Version);
        foreach (var entry in versions)
        {
            yield return Path.Combine(entry.Directory, "bin");
        }
    }

    private static Version ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : new Version(0, 0);

    // The server finds its sibling executables next to the real file, not next to a PATH symlink.
    private static string ResolveLinks(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static bool IsRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (Environment.UserName == "root")
        {
            return true;
        }

        // "Uid:" lists real, effective, saved and filesystem ids; the effective one decides.
        const string StatusFile = "/proc/self/status";
        if (!File.Exists(StatusFile))
        {
            return false;
        }

        var uidLine = File.ReadLines(StatusFile).FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = uidLine?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 2 } && fields[2] == "0";
    }

    private static string CreateRootDirectory(bool runAsPostgresUser)
    {
        var parent = Path.GetTempPath();

        // The postgres user must be able to reach its directory; TMPDIR may sit under root's home.
        if (runAsPostgresUser && !IsTraversableByOthers(parent))
        {
            parent = "/tmp";
            if (!IsTraversableByOthers(parent))
            {
                throw new InvalidOperationException(
                    $"Neither {Path.GetTempPath()} nor /tmp is traversable by the '{SuperUser}' user; cannot place a PostgreSQL data directory.");
            }
        }

        var root = Path.Combine(parent, "moecraft-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    private static bool IsTraversableByOthers(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            if (!current.Exists || (current.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int FindFreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task RunCheckedAsync(string? asUser, string tool, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var result = await RunAsync(asUser, tool, arguments, workingDirectory).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{Path.GetFileName(tool)} {string.Join(' ', arguments)}' exited {result.ExitCode}: {result.Output.Trim()}");
        }
    }

    private static async Task<ToolResult> RunAsync(string? asUser, string tool, IReadOnlyList<string> arguments, string? workingDirectory)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // A working directory the postgres user can enter; the test's own may sit under /root.
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };

        if (asUser is null)
        {
            startInfo.FileName = tool;
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else if (FindOnPath("runuser", "/usr/sbin", "/sbin") is { } runUser)
        {
            startInfo.FileName = runUser;
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(asUser);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(tool);
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else
        {
            startInfo.FileName = "su";
            startInfo.ArgumentList.Add(asUser);
            startInfo.ArgumentList.Add("-s");
            startInfo.ArgumentList.Add("/bin/sh");
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(string.Join(' ', new[] { tool }.Concat(arguments).Select(ShellQuote)));
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Path.GetFileName(tool)}' did not finish within {ToolTimeout.TotalSeconds:0} s.");
        }

        return new ToolResult(process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private static string? FindOnPath(string name, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ReadTail(string file, int lines = 40)
    {
        try
        {
            return File.Exists(file)
                ? string.Join(Environment.NewLine, File.ReadLines(file).TakeLast(lines))
                : "(no server log was written)";
        }
        catch (IOException exception)
        {
            return $"(server log unreadable: {exception.Message})";
        }
    }

    private static void TryDeleteDirectory(string directory)
    {
        // A just-stopped server may still be closing files; a few short retries cover that. Cleanup
        // must not mask the exception that brought us here, so the last failure is left behind.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }

    private sealed record ToolResult(int ExitCode, string Output);
}
