namespace PesanAI.Domain.Messaging;

public enum TemplateCategory
{
    Marketing = 1,
    Utility = 2,
    Authentication = 3,
}
