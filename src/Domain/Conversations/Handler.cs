namespace PesanAI.Domain.Conversations;

/// <summary>Who answers the conversation now.</summary>
public enum Handler
{
    Automation = 1,
    Human = 2,
}
