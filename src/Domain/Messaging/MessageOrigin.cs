namespace PesanAI.Domain.Messaging;

/// <summary>Who asked for a message: the tenant's applications, a team member, the AI, or PesanAI itself (confirmations).</summary>
public enum MessageOrigin
{
    Api = 1,
    Member = 2,
    Ai = 3,
    System = 4,
}
