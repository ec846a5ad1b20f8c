namespace PesanAI.Domain.Messaging;

/// <summary>What the send rules need to know of a template in one language (null when the number has none such).</summary>
public sealed record TemplateStanding(string Name, string Language, TemplateCategory Category, TemplateStatus Status, int HeaderParameters, int BodyParameters);
