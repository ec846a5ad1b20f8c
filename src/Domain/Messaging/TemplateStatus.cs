namespace PesanAI.Domain.Messaging;

/// <summary>Meta's template statuses; only <see cref="Approved"/> can be sent.</summary>
public enum TemplateStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
    Paused = 4,
    Disabled = 5,
    InAppeal = 6,
    PendingDeletion = 7,
    Deleted = 8,
    Archived = 9,
    LimitExceeded = 10,
}
