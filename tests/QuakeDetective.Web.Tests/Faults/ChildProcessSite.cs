using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QuakeDetective.Web.Tests.Faults;

/// <summary>
/// The real site as a separate process (the built QuakeDetective.Web.dll) on a free loopback port, so that a test can
/// kill it with SIGKILL mid-work and start it again on the same data folder.
/// </summary>
public sealed class ChildProcessSite : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcessSite(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ChildProcessSite> StartAsync(string dataFolder, IDictionary<string, string>? settings = null, TimeSpan? timeout = null)
    {
        var dll = FindSiteDll();
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DataFolder"] = dataFolder;
        info.Environment["Demo__SubjectCount"] = "12";
        info.Environment["Demo__WindowSeconds"] = "600";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the site process.");
        var site = new ChildProcessSite(process, new Uri($"http://127.0.0.1:{port}/"));
        await site.WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(90));
        return site;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — as a power cut or the OOM killer would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(30_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The site exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The site did not become healthy in {timeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string FindSiteDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuakeDetective.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "QuakeDetective.Web", "bin", configuration, "net10.0", "QuakeDetective.Web.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the site first.", dll);
            }
        }

        throw new DirectoryNotFoundException("QuakeDetective.sln not found above the test folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
