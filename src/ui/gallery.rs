//! The starter gallery: every example template with its scenario, channel
//! and sending advice; one click starts a copy in the library.

use leptos::prelude::*;

use crate::ui::i18n::{channel_name, scenario_name, t, Msg};
use crate::ui::layout::Layout;
use crate::ui::library::View;
use crate::ui::studio::Studio;

#[component]
pub fn GalleryView(studio: Studio, view: RwSignal<View>, layout: Layout) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let restored = RwSignal::new(None::<usize>);
    // The gallery's data comes from the engine worker, asked for on first view.
    studio.gallery_needed.set(true);
    let cards = move || {
        // One language per screen: the examples written in the UI's language.
        let Some(starters) = studio.gallery.with(|g| g.as_ref().map(|g| g.in_language(lang.get()).starters)) else {
            return view! { <p class="hint" data-testid="gallery-loading">{t(lang.get_untracked(), Msg::EngineLoading)}</p> }.into_any();
        };
        starters
            .into_iter()
            .map(|starter| {
                let slug = starter.slug;
                let slug_attr = slug.clone();
                let template = starter.template;
                let channel = template.channel;
                let scenario = template.scenario.clone();
                let guidance = template.guidance.clone();
                view! {
                    <li class="gallery-card" data-slug=slug_attr>
                        <h3>{template.name.clone()}</h3>
                        <p class="tags">
                            {move || format!("{} · {}", scenario_name(lang.get(), &scenario), channel_name(lang.get(), channel))}
                        </p>
                        <p class="hint">{guidance.frequency}" · "{guidance.send_window}</p>
                        <button type="button" on:click=move |_| {
                            studio.new_from_gallery(&slug);
                            view.set(View::Templates);
                            layout.edit();
                        }>{msg(Msg::StartFromThis)}</button>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="pane gallery-pane" aria-labelledby="gallery-heading" data-testid="gallery">
            <div class="library-top">
                <h2 id="gallery-heading">{msg(Msg::GalleryHeading)}</h2>
                <button type="button" data-testid="restore-gallery" disabled=move || studio.gallery.with(Option::is_none)
                    on:click=move |_| restored.set(Some(studio.restore_gallery()))>
                    {msg(Msg::RestoreGallery)}
                </button>
            </div>
            <p class="hint">{msg(Msg::GalleryHint)}</p>
            {move || restored.get().map(|n| view! { <p role="status" data-testid="gallery-restored">{t(lang.get(), Msg::GalleryRestored)}{n}</p> })}
            <ul class="gallery-cards">{cards}</ul>
        </section>
    }
}
