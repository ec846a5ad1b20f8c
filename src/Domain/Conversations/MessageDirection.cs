namespace PesanAI.Domain.Conversations;

public enum MessageDirection
{
    Inbound = 1,
    Outbound = 2,
}
