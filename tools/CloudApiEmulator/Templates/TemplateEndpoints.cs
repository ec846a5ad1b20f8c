using System.Text.RegularExpressions;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>Graph's <c>/{version}/{waba-id}/message_templates</c> and the admin status switch.</summary>
internal static partial class TemplateEndpoints
{
    private static readonly string[] Categories = ["MARKETING", "UTILITY", "AUTHENTICATION"];
    private static readonly string[] Statuses = ["APPROVED", "REJECTED", "PAUSED", "DISABLED", "PENDING"];

    public static void MapTemplateEndpoints(this IEndpointRouteBuilder graph, IEndpointRouteBuilder admin)
    {
        graph.MapPost("/{wabaId}/message_templates", CreateAsync);
        graph.MapGet("/{wabaId}/message_templates", (string wabaId, HttpRequest request, NumberRegistry numbers, TemplateCatalog catalog) =>
            Authorize(wabaId, request, numbers)?.ToResult()
            ?? EmulatorJson.Result(new { data = catalog.InWaba(wabaId).Select(t => t.ToListItem()), paging = new { cursors = new { before = "", after = "" } } }));
        admin.MapPost("/templates/{id}/status", (string id, StatusChange change, TemplateWebhooks webhooks) =>
        {
            var status = change.Status?.ToUpperInvariant();
            if (status is null || !Statuses.Contains(status))
            {
                return Results.BadRequest(new { error = "status must be one of " + string.Join(", ", Statuses) });
            }

            var template = webhooks.Change(id, status, string.IsNullOrWhiteSpace(change.Reason) ? "NONE" : change.Reason);
            return template is null ? Results.NotFound() : EmulatorJson.Result(template.ToListItem());
        });
    }

    private static async Task<IResult> CreateAsync(
        string wabaId, HttpContext context, NumberRegistry numbers, TemplateCatalog catalog, TemplateWebhooks webhooks)
    {
        if (Authorize(wabaId, context.Request, numbers) is { } denied)
        {
            return denied.ToResult();
        }

        using var document = await GraphRequest.ReadObjectAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            return MetaErrors.InvalidParameter("The request body must be a JSON object.").ToResult();
        }

        var body = document.RootElement;
        var name = body.String("name");
        var language = body.String("language");
        var category = body.String("category")?.ToUpperInvariant();
        var components = body.Array("components");
        var problem = name is null || !TemplateName().IsMatch(name) ? "name must be 1-512 lowercase letters, digits or underscores"
            : string.IsNullOrWhiteSpace(language) ? "language is required"
            : category is null || !Categories.Contains(category) ? "category must be MARKETING, UTILITY or AUTHENTICATION"
            : components is null || !components.Value.EnumerateArray().Any(c => c.String("type")?.ToUpperInvariant() == "BODY") ? "components must include a BODY"
            : null;
        if (problem is not null)
        {
            return MetaErrors.InvalidParameter(problem).ToResult();
        }

        var template = catalog.Create(wabaId, name!, language!, category!, components!.Value);
        if (template is null)
        {
            return MetaErrors.TemplateExists(name!, language!).ToResult();
        }

        // Approve only once the creator has its answer, so the webhook never overtakes it.
        context.Response.OnCompleted(() =>
        {
            _ = webhooks.ReviewAsync(template.Id);
            return Task.CompletedTask;
        });
        return EmulatorJson.Result(new { id = template.Id, status = template.Status, category = template.Category });
    }

    /// <summary>The token must be one of the WABA's numbers'; a WABA without numbers does not exist.</summary>
    private static GraphError? Authorize(string wabaId, HttpRequest request, NumberRegistry numbers)
    {
        var owned = numbers.InWaba(wabaId).ToList();
        if (owned.Count == 0)
        {
            return MetaErrors.UnknownObject(wabaId);
        }

        var token = GraphRequest.Token(request);
        return owned.Any(n => NumberRegistry.TokenMatches(n, token)) ? null : MetaErrors.InvalidToken();
    }

    [GeneratedRegex("^[a-z0-9_]{1,512}$")]
    private static partial Regex TemplateName();

    private sealed record StatusChange(string? Status, string? Reason);
}
