// Placeholder until the follow-up store lands; replaced by the stress writer.
print("pantau-store-stress")
