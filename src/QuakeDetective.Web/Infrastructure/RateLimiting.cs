using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>ASP.NET Core's rate limiter on votes (per volunteer and per address) and on sign-in (per address).</summary>
public static class RateLimiting
{
    public const string VotesPolicy = "votes";

    public static IServiceCollection AddQuakeRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "30";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(VotesPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                // Chain a per-volunteer and a per-address window by keying on both: the tighter one wins.
                var addresses = context.RequestServices.GetRequiredService<AddressLimiters>();
                return RateLimitPartition.Get(VolunteerKey(context) + "|" + AddressKey(context), _ => new ChainedLimiter(
                    Window(options.VotesPerVolunteerPerMinute), addresses.For(AddressKey(context), options.VotesPerAddressPerMinute)));
            });

            // Sign-in, registration and setup are Blazor form posts, not endpoints of their own: limit them globally by path.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                return options.Enabled && HttpMethods.IsPost(context.Request.Method) && IsSignInPath(context.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter(AddressKey(context), _ => WindowOptions(options.SignInsPerAddressPerMinute))
                    : RateLimitPartition.GetNoLimiter(string.Empty);
            });
        });
        services.AddSingleton(sp => new AddressLimiters(sp.GetRequiredService<TimeProvider>(), AddressLimiters.DefaultIdleLifetime));
        return services;
    }

    private static bool IsSignInPath(PathString path) =>
        path.StartsWithSegments("/account/login") || path.StartsWithSegments("/account/register") || path.StartsWithSegments("/setup");

    private static FixedWindowRateLimiter Window(int permits) => new(WindowOptions(permits));

    private static FixedWindowRateLimiterOptions WindowOptions(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string VolunteerKey(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            ? "u:" + user
            : "a:" + (AnonymousVolunteerCookie.Get(context)?.ToString("N") ?? "none");

    private static string AddressKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Acquires from both limiters; a permit is granted only when both grant one.</summary>
    private sealed class ChainedLimiter(RateLimiter first, RateLimiter second) : RateLimiter
    {
        public override TimeSpan? IdleDuration => first.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => first.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            var a = first.AttemptAcquire(permitCount);
            if (!a.IsAcquired)
            {
                return a;
            }

            var b = second.AttemptAcquire(permitCount);
            if (!b.IsAcquired)
            {
                a.Dispose();
                return b;
            }

            return new Both(a, b);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount));

        private sealed class Both(RateLimitLease a, RateLimitLease b) : RateLimitLease
        {
            public override bool IsAcquired => true;

            public override IEnumerable<string> MetadataNames => [];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }

            protected override void Dispose(bool disposing)
            {
                a.Dispose();
                b.Dispose();
            }
        }
    }
}
