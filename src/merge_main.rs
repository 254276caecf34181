fn main() {
    #[cfg(target_arch = "wasm32")]
    notice_studio::ui::merge::start();
}
