namespace PesanAI.Domain.Conversations;

public enum ConversationState
{
    Open = 1,
    Closed = 2,
}
