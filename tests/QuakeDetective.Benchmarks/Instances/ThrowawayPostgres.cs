using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace QuakeDetective.Benchmarks.Instances;

/// <summary>
/// The PostgreSQL server a benchmark runs against: QUAKE_BENCH_POSTGRES (a connection string to a server you run) or
/// else a throwaway cluster of Debian's postgresql package in the scratch folder on a free loopback port, with the
/// server's default durability (fsync on), stopped on dispose. Each <see cref="CreateDatabase"/> is a fresh database.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string? _folder;
    private readonly string? _bin;
    private readonly string? _runAs;
    private readonly string _server;

    private ThrowawayPostgres(string server, string? folder, string? bin, string? runAs)
    {
        _server = server;
        _folder = folder;
        _bin = bin;
        _runAs = runAs;
    }

    public string Description => _folder is null ? "PostgreSQL from QUAKE_BENCH_POSTGRES" : $"throwaway PostgreSQL cluster ({Path.GetFileName(Path.GetDirectoryName(_bin))})";

    public static ThrowawayPostgres Start(string scratchFolder)
    {
        var configured = Environment.GetEnvironmentVariable("QUAKE_BENCH_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new ThrowawayPostgres(configured, null, null, null);
        }

        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries not found: apt-get install -y postgresql, or set QUAKE_BENCH_POSTGRES to a connection string.");
        }

        var folder = Path.Combine(scratchFolder, "postgres-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var runAs = Environment.UserName == "root" ? "postgres" : null; // postgres refuses to run as root
        if (runAs is not null)
        {
            Run("chown", $"{runAs} {folder}");
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        RunAs(runAs, Path.Combine(bin, "initdb"), $"-D {folder}/data -A trust -U postgres -E UTF8");
        RunAs(runAs, Path.Combine(bin, "pg_ctl"),
            $"-D {folder}/data -l {folder}/server.log -w -t 60 -o \"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300\" start");
        return new ThrowawayPostgres($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", folder, bin, runAs);
    }

    /// <summary>A new empty database; its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(_server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(_server) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    public void Dispose()
    {
        if (_folder is null || _bin is null)
        {
            return;
        }

        try
        {
            RunAs(_runAs, Path.Combine(_bin, "pg_ctl"), $"-D {_folder}/data -m fast -w stop");
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"  (could not stop the throwaway cluster in {_folder}: {ex.Message})");
        }
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
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })
                            ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {arguments} did not finish in 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {stderr.Result} {stdout.Result}");
        }
    }
}
