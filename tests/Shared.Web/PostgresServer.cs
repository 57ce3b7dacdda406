using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace QuakeDetective.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster (Debian's postgresql package) in a temporary folder on a free loopback port,
/// started once per test process when a test asks for PostgreSQL and stopped when the process exits. Each caller gets
/// a fresh database. Without the binaries the tests skip with a reason (and fail when CI=true).
/// </summary>
public static class PostgresServer
{
    /// <summary>Set to "Postgres" to run the integration tests (QuakeWebFactory, TestDatabase) on PostgreSQL.</summary>
    public const string ProviderVariable = "QUAKE_TEST_DATABASE";

    private static readonly Lazy<Cluster?> Instance = new(StartCluster, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _unavailableReason;

    public static bool Requested =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates a new empty database and returns its connection string; skips (or fails under CI) without PostgreSQL.</summary>
    public static string CreateDatabase()
    {
        var cluster = Instance.Value;
        if (cluster is null)
        {
            var reason = _unavailableReason ?? "PostgreSQL could not be started.";
            if (SharedData.IsCi)
            {
                throw new InvalidOperationException(reason + " CI=true, so this is a failure, not a skip.");
            }

            Skip.If(true, reason);
        }

        var name = "quake_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(cluster!.ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return cluster.ConnectionString(name);
    }

    private static Cluster? StartCluster()
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            _unavailableReason = "PostgreSQL server binaries not found (apt-get install -y postgresql); set QUAKE_PG_BIN to their folder.";
            return null;
        }

        var folder = Path.Combine(Path.GetTempPath(), "quake-pg-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var runAs = Environment.UserName == "root" ? "postgres" : null; // postgres refuses to run as root
        if (runAs is not null)
        {
            Run("chown", $"{runAs} {folder}");
        }

        var port = FreePort();
        RunAs(runAs, Path.Combine(bin, "initdb"), $"-D {folder}/data -A trust -U postgres --no-sync -E UTF8");
        RunAs(runAs, Path.Combine(bin, "pg_ctl"),
            $"-D {folder}/data -l {folder}/server.log -w -t 60 -o \"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start");
        var cluster = new Cluster(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAs(runAs, Path.Combine(bin, "pg_ctl"), $"-D {folder}/data -m immediate -w stop");
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception)
            {
                // Best effort at process exit; a leftover temp cluster is harmless.
            }
        };
        return cluster;
    }

    private static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("QUAKE_PG_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAs(string? user, string file, string arguments)
    {
        if (user is null)
        {
            Run(file, arguments);
        }
        else
        {
            Run("runuser", $"-u {user} -- {file} {arguments}");
        }
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {stderr.Result} {stdout.Result}");
        }
    }

    private sealed record Cluster(string Folder, int Port)
    {
        public string ConnectionString(string database) =>
            $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50;Timeout=30";
    }
}
