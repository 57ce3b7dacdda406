using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Storage;
using QuakeDetective.Web.Background;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Endpoints;

public static class ImportEndpoints
{
    /// <summary>
    /// POST /admin/import/jobs: the admin page's upload and folder forms (multipart, antiforgery checked). A browser is sent
    /// to the job's live page, or back to the form with the reason; other clients get 202 with the job id or 400 with
    /// the reason. GET /admin/import/jobs/{id}/report.json: the full result of a finished job.
    /// </summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/import/jobs", ImportAsync).RequireAuthorization(Policies.Admin).DisableAntiforgery();
        app.MapGet("/admin/import/jobs/{jobId:long}/report.json", async (long jobId, ImportJobViews views, DataFolder dataFolder, CancellationToken ct) =>
        {
            var job = await views.GetAsync(jobId, ct);
            if (job?.ResultPath is not { } relative)
            {
                return Results.NotFound();
            }

            var full = Path.GetFullPath(Path.Combine(dataFolder.Root, relative));
            return full.StartsWith(Path.GetFullPath(dataFolder.Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full)
                ? Results.File(full, "application/json", $"import-{jobId}.json")
                : Results.NotFound();
        }).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, IAntiforgery antiforgery, ImportFormHandler handler, IOptions<ImportUploadOptions> options,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;

        // Room for the files plus the form's other fields; Kestrel's default (30 MB) is too small for seismic data.
        var bodyLimit = limits.MaxUploadBytes + (2 * limits.MaxCsvBytes) + (1 << 20);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = bodyLimit;
        }

        if (!http.Request.HasFormContentType)
        {
            return Reject(http, "Send the import form as multipart/form-data.");
        }

        IFormCollection form;
        try
        {
            // Installed as the request's form feature, so that the antiforgery check below reads the same form with these limits.
            var reader = new FormFeature(http.Request, new FormOptions
            {
                MultipartBodyLengthLimit = bodyLimit,
                ValueCountLimit = limits.MaxFiles + 100,
            });
            http.Features.Set<IFormFeature>(reader);
            form = await reader.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Reject(http, $"The upload is larger than the {limits.MaxUploadBytes / 1048576} MB allowed, or has too many files ({limits.MaxFiles} at most): " +
                                "put large data sets in the import folder on the server and import the folder.");
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Reject(http, "The form expired or did not come from this site; reload the page and try again.");
        }

        var outcome = await handler.HandleAsync(form, http.User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        if (outcome.JobId is { } jobId)
        {
            return WantsHtml(http)
                ? Results.Redirect($"/admin/import/jobs/{jobId}")
                : Results.Json(new { jobId, statusUrl = $"/admin/import/jobs/{jobId}" }, statusCode: StatusCodes.Status202Accepted);
        }

        return Reject(http, outcome.Error ?? "The import could not be started.");
    }

    private static IResult Reject(HttpContext http, string message) =>
        WantsHtml(http)
            ? Results.Redirect("/admin/import?error=" + Uri.EscapeDataString(message))
            : Results.Problem(title: "The import could not be started.", detail: message, statusCode: StatusCodes.Status400BadRequest);

    private static bool WantsHtml(HttpContext http) => http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
