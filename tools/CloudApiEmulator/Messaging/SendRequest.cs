namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>A send that passed shape validation: what the policy checks and the log records need from it.</summary>
internal sealed record SendRequest(string To, string WaId, string Type, string? BizOpaqueCallbackData, string? ContextMessageId)
{
    /// <summary>Set for <c>type: template</c>.</summary>
    public TemplateReference? Template { get; init; }

    /// <summary>Sent by business-scoped user id (<c>recipient</c>, no <c>to</c>): <see cref="WaId"/> is the BSUID.</summary>
    public bool ToUserId { get; init; }
}

/// <summary>The template a send names, with its components as sent (each has a known <c>type</c>).</summary>
internal sealed record TemplateReference(string Name, string Language, IReadOnlyList<System.Text.Json.JsonElement> Components);
