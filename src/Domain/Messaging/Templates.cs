namespace PesanAI.Domain.Messaging;

public enum TemplateCategory
{
    Marketing = 1,
    Utility = 2,
    Authentication = 3,
}

public enum TemplateStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
    Paused = 4,
    Disabled = 5,
}

/// <summary>What the send rules need to know of a template in one language (null when the number has none such).</summary>
public sealed record TemplateStanding(string Name, string Language, TemplateCategory Category, TemplateStatus Status, int HeaderParameters, int BodyParameters);
