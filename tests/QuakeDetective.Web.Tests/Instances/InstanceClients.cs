using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QuakeDetective.Web.Tests.Faults;

namespace QuakeDetective.Web.Tests.Instances;

/// <summary>
/// HTTP helpers for tests with several site processes: one cookie jar per person, used against any instance (cookies
/// are per host, not per port, so a jar filled by instance A is sent to B — as behind a load balancer without sticky
/// sessions), sign-in through the real form, admin import and export requests, deadline-bounded polling.
/// </summary>
public static class InstanceClients
{
    public const string AdminEmail = "instances-admin@example.org";
    public const string AdminPassword = "instances-admin-pass-1";

    public static HttpClient For(ChildProcessSite site, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }, disposeHandler: true)
        {
            BaseAddress = site.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Signs the admin in on <paramref name="site"/> through the real sign-in form; the cookies land in <paramref name="cookies"/>.</summary>
    public static async Task SignInAdminAsync(ChildProcessSite site, CookieContainer cookies)
    {
        using var client = For(site, cookies);
        var page = await client.GetStringAsync("account/login");
        var response = await client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FaultSite.Token(page),
            ["_handler"] = "login",
            ["Input.Email"] = AdminEmail,
            ["Input.Password"] = AdminPassword,
            ["Input.RememberMe"] = "false",
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found,
            $"admin sign-in failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<long> PostJobAsync(HttpClient client, string url, object? body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("jobId").GetInt64();
    }

    /// <summary>Polls until <paramref name="condition"/> returns a value; fails with <paramref name="what"/> at the deadline.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T?>> condition, TimeSpan timeout, string what, int intervalMs = 25)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition() is { } value)
            {
                return value;
            }

            await Task.Delay(intervalMs);
        }

        throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting for {what}.");
    }
}
