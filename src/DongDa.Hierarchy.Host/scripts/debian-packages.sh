# Sourced by the scripts that need Debian packages a bare machine may lack (the test command, the
# PostgreSQL start script, the load and timing benches): one way to install them, as root or through sudo.

# install_debian_packages [apt-get install options] PACKAGE...
install_debian_packages() {
  local as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
  echo "Installing $* (Debian packages this needs)" >&2
  { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; } \
    || { echo "Could not install $*: run this as root, or as a user sudo lets install packages." >&2; return 1; }
}
