using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>Graph's <c>/{version}/{waba-id}/message_templates</c>: create (PENDING, then reviewed) and list.</summary>
internal static class TemplateEndpoints
{
    public static void MapTemplateEndpoints(this IEndpointRouteBuilder graph, IEndpointRouteBuilder admin)
    {
        graph.MapPost("/{wabaId}/message_templates", CreateAsync);
        graph.MapGet("/{wabaId}/message_templates", (string wabaId, HttpRequest request, NumberRegistry numbers, TemplateCatalog catalog) =>
            Authorize(wabaId, request, numbers)?.ToResult() ?? TemplateListing.List(wabaId, request, catalog));
        admin.MapTemplateAdminEndpoints();
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

        var (draft, problem) = TemplateDrafts.Parse(document.RootElement, wabaId, admin: false);
        if (draft is null)
        {
            return MetaErrors.InvalidParameter(problem!).ToResult();
        }

        var template = catalog.Create(draft);
        if (template is null)
        {
            return MetaErrors.TemplateExists(draft.Name, draft.Language).ToResult();
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
}
