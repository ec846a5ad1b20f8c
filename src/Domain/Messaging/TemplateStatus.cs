namespace PesanAI.Domain.Messaging;

public enum TemplateStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
    Paused = 4,
    Disabled = 5,
}
