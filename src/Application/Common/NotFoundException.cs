namespace PesanAI.Application.Common;

/// <summary>The named resource does not exist, or the caller may not know that it does. The API answers NOT_FOUND.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string resourceType, string resourceName)
        : base($"{resourceType} '{resourceName}' was not found.")
    {
        ResourceType = resourceType;
        ResourceName = resourceName;
    }

    public NotFoundException()
        : this("resource", string.Empty)
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
        ResourceType = "resource";
        ResourceName = string.Empty;
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        ResourceType = "resource";
        ResourceName = string.Empty;
    }

    public string ResourceType { get; }

    public string ResourceName { get; }
}
