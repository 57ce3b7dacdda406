using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Storage;
using QuakeDetective.Media;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web;

public static class DependencyInjection
{
    /// <summary>Blazor, sign-in, authorisation, the start-up initializer and the site's own services.</summary>
    public static IHostApplicationBuilder AddQuakeWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // First of all hosted services: the schema must exist before data protection reads its key ring from it.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StartupInitializer>());
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "qd_auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(30);
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Scientist, p => p.RequireRole(Roles.Scientist, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));


        services.AddOptions<MediaOptions>().Configure<DataFolder>((options, folder) => options.CacheFolder = folder.MediaFolder);
        // The media cache lives in the configured blob store (Storage:Provider, Storage:BlobRoot), shared by every instance on it.
        services.Replace(ServiceDescriptor.Singleton(sp => new Media.Caching.MediaCache(sp.GetRequiredService<QuakeDetective.Storage.IBlobStore>())));
        services.AddSingleton<SubjectMedia>();
        services.AddSingleton<Components.Pages.Classify.IClassifyBackend, Components.Pages.Classify.ClassifyBackend>();
        services.AddScoped<RequestVolunteer>();
        services.AddProblemDetails();
        services.AddQuakeRateLimiting(builder.Configuration);
        Background.ImportRegistration.AddQuakeImport(builder);
        Background.ConsensusRegistration.AddQuakeConsensus(builder);
        builder.AddQuakeInstanceRole();
        builder.Services.AddHostedService<Background.AbandonedFileSweeper>();
        return builder;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
