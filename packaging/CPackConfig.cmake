# Debian package (`cpack -G DEB` in a build directory, or `cmake --build BUILD --target package`).
# Included by the root CMakeLists.txt after every target is defined; the install rules live next to
# their targets (app/cli, app/gui). Dependencies are Debian 12 (bookworm) package names.
set(CPACK_PACKAGE_NAME "smolify")
set(CPACK_PACKAGE_VENDOR "The Smolify developers")
set(CPACK_PACKAGE_CONTACT "Smolify developers <dev@smolify.io>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://smolify.io")
set(CPACK_GENERATOR "DEB")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The summary above is the first line; these lines are the long description below it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Smolify is a desktop workbench (and its headless twin, smolify-cli) that turns\na typed intent into a small language model the user owns: it helps review\ntraining samples, trains a small student model on the CPU and exports it as\none GGUF file that llama.cpp, Ollama and LM Studio load.")

set(smolify_deb_depends
    "libc6 (>= 2.36)"
    "libstdc++6 (>= 12)"
    "libsqlite3-0 (>= 3.40)"
    "libcurl4 (>= 7.88)"
    "libssl3 (>= 3.0)"
    "libsentencepiece0 (>= 0.1.97)"
    "libopenblas0 | libblas3"
)
if(SMOLIFY_BUILD_GUI)
    list(APPEND smolify_deb_depends
        "libqt6core6 (>= 6.4)"
        "libqt6gui6 (>= 6.4)"
        "libqt6widgets6 (>= 6.4)"
        "libqt6charts6 (>= 6.4)"
        "libqt6keychain1 (>= 0.13)"
        "qt6-qpa-plugins (>= 6.4)")
    # Without these the app still runs: libqt6svg6 lets Qt read the SVG window icon, the l10n
    # package gives Qt's own dialogs (file dialogs, standard buttons) in the user's language.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-translations-l10n")
endif()
list(JOIN smolify_deb_depends ", " CPACK_DEBIAN_PACKAGE_DEPENDS)

include(CPack)
