using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace QuakeDetective.Web.Tests.Faults;

/// <summary>
/// What the SIGKILL tests share: the child site's settings (a configured admin, no rate limits, a short job lease for
/// when jobs are claimed with a heartbeat), signing in as that admin over real HTTP, reading the site's SQLite file
/// directly, and deadline-bounded polling.
/// </summary>
public static partial class FaultSite
{
    public const string AdminEmail = "fault-admin@example.org";
    public const string AdminPassword = "fault-admin-pass-1";

    /// <summary>How long a killed job may take to be marked Interrupted after the restart (start-up marking or lease expiry).</summary>
    public static readonly TimeSpan InterruptedDeadline = TimeSpan.FromSeconds(45);

    public static Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Admin__Email"] = AdminEmail,
            ["Admin__Password"] = AdminPassword,
            ["RateLimiting__Enabled"] = "false",
            ["Jobs__LeaseSeconds"] = "3",
            ["Jobs__PollSeconds"] = "0.5",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string NewDataFolder(string name) => Path.Combine(Path.GetTempPath(), $"quake-{name}-{Guid.NewGuid():N}");

    public static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A client with its own cookies, signed in as the configured admin through the real sign-in form.</summary>
    public static async Task<HttpClient> SignInAdminAsync(ChildProcessSite site)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = site.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var page = await client.GetStringAsync("account/login");
        var response = await client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["_handler"] = "login",
            ["Input.Email"] = AdminEmail,
            ["Input.Password"] = AdminPassword,
            ["Input.RememberMe"] = "false",
        }));
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found))
        {
            throw new InvalidOperationException($"Admin sign-in failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>Starts an import of a folder under the import root through the admin page's form (antiforgery included); returns the job id.</summary>
    public static async Task<long> StartFolderImportAsync(HttpClient admin, string folder, string campaign, double windowSeconds)
    {
        var page = await admin.GetStringAsync("admin/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new StringContent("folder"), "source" },
            { new StringContent(folder), "folder" },
            { new StringContent(campaign), "campaign" },
            { new StringContent(windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), "window" },
        };
        var response = await admin.PostAsync("admin/import/jobs", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"import not accepted ({(int)response.StatusCode}): {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetInt64();
    }

    public static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string url, string csv)
    {
        using var content = new StringContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync(url, content);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> and the site's output at the deadline.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T?>> condition, TimeSpan timeout, string what, ChildProcessSite? site = null, int intervalMs = 40)
        where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition() is { } value)
            {
                return value;
            }

            await Task.Delay(intervalMs);
        }

        throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting for {what}." + (site is null ? "" : "\n" + site.Output));
    }

    /// <inheritdoc cref="PollAsync{T}(Func{Task{T?}}, TimeSpan, string, ChildProcessSite?, int)"/>
    public static async Task<string> PollAsync(Func<Task<string?>> condition, TimeSpan timeout, string what, ChildProcessSite? site = null, int intervalMs = 40) =>
        (await PollAsync(async () => await condition() is { } text ? new Found(text) : (Found?)null, timeout, what, site, intervalMs)).Text;

    public static SqliteConnection OpenDatabase(string dataFolder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "quake.db")};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    public static async Task<long> CountAsync(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(connection, sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    public static async Task<List<object?[]>> RowsAsync(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A job row's status, stage, percent and message, read straight from the database.</summary>
    public static async Task<JobRow?> JobAsync(string dataFolder, long jobId)
    {
        await using var db = OpenDatabase(dataFolder);
        var rows = await RowsAsync(db, "SELECT Status, Stage, Percent, Message FROM BackgroundJobs WHERE Id = $id", ("$id", jobId));
        return rows.Count == 0 ? null : new JobRow(Convert.ToInt32(rows[0][0], System.Globalization.CultureInfo.InvariantCulture), (string)rows[0][1]!,
            Convert.ToDouble(rows[0][2], System.Globalization.CultureInfo.InvariantCulture), (string?)rows[0][3]);
    }

    /// <summary>The antiforgery token of a served form.</summary>
    public static string Token(string html)
    {
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private readonly record struct Found(string Text);
}
