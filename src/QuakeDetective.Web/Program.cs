using QuakeDetective.Core;
using QuakeDetective.Learning;
using QuakeDetective.Media;
using QuakeDetective.Web;
using QuakeDetective.Web.Components;
using QuakeDetective.Web.Endpoints;
using QuakeDetective.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddQuakeData();
builder.AddQuakeLearning();
builder.Services.AddQuakeMedia();
builder.AddQuakeWeb();

var app = builder.Build();
app.UseInstanceRole(); // a worker instance answers only /health

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseFriendlyErrors();
app.UseRouting(); // after the error pages, so that a re-executed request is routed again
app.UseAuthentication();
app.UseErasedAccountSignOut(); // other sessions of an erased account continue as anonymous visitors
app.UseAuthorization();
app.UseAntiforgery(); // after authentication: tokens are bound to the signed-in user
app.UseAnonymousVolunteerCookie();
app.UseRateLimiter();

app.MapStaticAssets();
app.MapHealthEndpoint();
app.MapMediaEndpoints();
app.MapSubjectApi();
app.MapClassificationApi();
app.MapTrainingRunApi();
app.MapAccountEndpoints();
app.MapImportEndpoints();
app.MapConsensusApi();
app.MapExportEndpoints();
app.MapPersonalDataEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
