namespace PesanAI.Domain.Tenants;

public enum MemberRole
{
    Owner = 1,
    Admin = 2,
    Agent = 3,
    Auditor = 4,
}
