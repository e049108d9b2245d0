"""The user-side commands of the HPC MFA pack: `mfa` (second factors, recovery codes, SSH certificates) and
`hpc-ssh-cert` (SSH certificates; the same code as `mfa ssh-cert`). Python 3.8+, standard library only."""

# The pack's version (the root pom.xml's <version>; client/tests checks that they agree).
VERSION = "26.5.6-1-SNAPSHOT"
